package io.fideliza.spark;

import io.fideliza.run.ModelRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The model versions of an output folder: those published, and a new one staged with the run's other outputs. */
final class ModelFolders implements ModelRegistry {
    private final FileSystem fs;
    private final Path root;
    private final StagingArea staging;

    ModelFolders(FileSystem fs, Path root, StagingArea staging) {
        this.fs = fs;
        this.root = root;
        this.staging = staging;
    }

    @Override
    public FileSystem fileSystem() {
        return fs;
    }

    @Override
    public ModelVersion stageModel(String name) {
        int version = latestModel(name).map(ModelVersion::version).orElse(0) + 1;
        Path target = ModelVersion.under(root, name, version).folder();
        Path dir = ModelVersion.under(staging.folder(), name, version).folder();
        staging.add(dir, target);
        return new ModelVersion(name, version, dir);
    }

    @Override
    public List<ModelVersion> models(String name) {
        Path models = ModelVersion.under(root, name, 0).folder().getParent();
        if (!exists(models)) {
            return List.of();
        }
        try {
            List<ModelVersion> out = new ArrayList<>();
            for (FileStatus s : fs.listStatus(models)) {
                java.util.OptionalInt v = ModelVersion.versionOf(s.getPath().getName());
                if (s.isDirectory() && v.isPresent()) {
                    out.add(ModelVersion.under(root, name, v.getAsInt()));
                }
            }
            out.sort(java.util.Comparator.comparingInt(ModelVersion::version).reversed());
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + models + ": " + e.getMessage(), e);
        }
    }

    /** Whether a path exists; a file system that cannot tell is an error, not an absent run. */
    private boolean exists(Path p) {
        try {
            return fs.exists(p);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

}
