package io.fideliza.run;

import io.fideliza.contract.OutputDataset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The versions of the trained models, {@code _models/NAME/version=N/}: the published ones, and a new one a run stages
 * (published with the run's other outputs: a run that fails publishes no model). The one place that names them.
 */
public interface ModelRegistry {

    /** A version of a model: its name, version and folder. */
    record ModelVersion(String name, int version, Path folder) {
        private static final String PREFIX = "version=";

        /** The folder of version {@code version} of model {@code name} in the output (or staging) folder {@code root}. */
        public static ModelVersion under(Path root, String name, int version) {
            return new ModelVersion(name, version, new Path(root, OutputDataset.MODELS.folder() + "/" + name + "/"
                    + PREFIX + version));
        }

        /** The version a folder among a model's versions holds, if its name is one. */
        public static OptionalInt versionOf(String folderName) {
            return folderName.matches(PREFIX + "\\d{1,9}")
                    ? OptionalInt.of(Integer.parseInt(folderName.substring(PREFIX.length())))
                    : OptionalInt.empty();
        }
    }

    /** The published versions of a model, newest first. */
    List<ModelVersion> models(String name);

    /** The latest published version of a model, if any. */
    default Optional<ModelVersion> latestModel(String name) {
        return models(name).stream().findFirst();
    }

    /** A staging folder for a new version of a model, the next after the latest published. */
    ModelVersion stageModel(String name);

    /** The file system the models are in. */
    FileSystem fileSystem();
}
