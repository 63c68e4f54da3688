package io.fideliza.segment;

import io.fideliza.run.Outputs;
import io.fideliza.run.Outputs.ModelVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.hadoop.fs.Path;

/**
 * The published segment models a night can use: the latest trained on or before its run date (a backfill walks
 * back from the latest through each model's parent), and the model a given one replaced.
 */
final class SegmentModels {
    /** The model for a night; {@code trainedTonight} when that night is the one it was trained on (a rerun). */
    record Current(SegmentModel model, boolean trainedTonight) {
    }

    private final Outputs outputs;

    SegmentModels(Outputs outputs) {
        this.outputs = outputs;
    }

    Optional<Current> current(LocalDate runDate) {
        Optional<ModelVersion> latest = outputs.latestModel(SegmentModel.NAME);
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        SegmentModel model = SegmentModel.load(latest.get().folder(), outputs.fileSystem());
        // A night dated before the latest model's training uses the model of its time; the oldest if none.
        while (runDate.isBefore(LocalDate.parse(model.info().trainedOn())) && model.info().parentVersion() != null) {
            Optional<SegmentModel> parent = version(model.info().parentVersion());
            if (parent.isEmpty()) {
                break;
            }
            model = parent.get();
        }
        return Optional.of(new Current(model, runDate.equals(LocalDate.parse(model.info().trainedOn()))));
    }

    /** The model {@code model} replaced or kept, if it is still there. */
    Optional<SegmentModel> parent(SegmentModel model) {
        return model.info().parentVersion() == null ? Optional.empty() : version(model.info().parentVersion());
    }

    /** A published version, beside the latest. */
    Optional<SegmentModel> version(int version) {
        Optional<ModelVersion> latest = outputs.latestModel(SegmentModel.NAME);
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        Path folder = new Path(latest.get().folder().getParent(), "version=" + version);
        try {
            return outputs.fileSystem().exists(folder)
                    ? Optional.of(SegmentModel.load(folder, outputs.fileSystem())) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder, e);
        }
    }
}
