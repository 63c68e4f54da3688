package io.fideliza.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NioLocalFileSystemTest {

    @Test
    void foldersAndFilesGetThePermissionsAskedFor(@TempDir java.nio.file.Path dir) throws IOException {
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", NioLocalFileSystem.class.getName());
        try (FileSystem fs = FileSystem.newInstance(dir.toUri(), conf)) {
            assertTrue(fs instanceof NioLocalFileSystem, fs.getClass().getName());
            Path folder = new Path(dir.toUri().toString(), "outputs");
            assertTrue(fs.mkdirs(folder, new FsPermission((short) 0750)));
            Path file = new Path(folder, "plans.csv");
            try (OutputStream out = fs.create(file, new FsPermission((short) 0640), true, 4096, (short) 1, 1 << 20, null)) {
                out.write("customer_id\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("outputs"))));
            assertEquals("rw-r-----", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("outputs").resolve("plans.csv"))));
            fs.setPermission(file, new FsPermission((short) 0604));
            assertEquals("rw----r--", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("outputs").resolve("plans.csv"))));
            assertEquals("customer_id\n", Files.readString(dir.resolve("outputs").resolve("plans.csv")));
        }
    }
}
