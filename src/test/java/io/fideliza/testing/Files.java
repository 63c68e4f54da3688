package io.fideliza.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Small helpers to write test input files. */
public final class Files {
    private Files() {
    }

    public static Path write(Path dir, String name, String content) {
        try {
            Path p = dir.resolve(name);
            java.nio.file.Files.createDirectories(p.getParent());
            java.nio.file.Files.writeString(p, content, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path writeBytes(Path dir, String name, byte[] content) {
        try {
            Path p = dir.resolve(name);
            java.nio.file.Files.createDirectories(p.getParent());
            java.nio.file.Files.write(p, content);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal valid products file. */
    public static final String PRODUCTS = """
            product_id,name,category,price,consumable,replenish_days,available
            P1,Printer,printers,100.00,false,,true
            P2,Ink,printers-supplies,20.00,true,30,true
            P3,Cable,printers-accessories,5.00,false,,true
            P4,Old model,printers,50.00,false,,false
            """;
}
