package io.fideliza.ingest;

import io.fideliza.config.JobConfig.IngestSettings;
import io.fideliza.contract.InputDataset;
import io.fideliza.contract.InputRefused;
import io.fideliza.manifest.InputCounts;
import io.fideliza.run.Outputs;
import io.fideliza.run.Stage;
import io.fideliza.run.StageResult;
import io.fideliza.run.StageResults;
import java.util.Locale;

/**
 * Refuses inputs that are plainly broken before anything is computed from them: more than
 * {@code ingest.max_quarantine_share} of an input's rows quarantined. The counts are in the manifest already.
 */
public final class InputCheckStage implements Stage<CleanInputs, InputCheckStage.Accepted> {

    /** Every input passed the checks. */
    public record Accepted(double maxQuarantineShare) implements StageResult {
        @Override
        public String summary() {
            return String.format(Locale.ROOT, "inputs accepted: each within the quarantine limit of %.1f%%",
                    100 * maxQuarantineShare);
        }
    }

    private final IngestSettings settings;

    public InputCheckStage(IngestSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "check";
    }

    @Override
    public CleanInputs input(StageResults earlier) {
        return earlier.get(CleanInputs.class);
    }

    @Override
    public Accepted run(CleanInputs clean, Outputs outputs) {
        for (InputDataset d : InputDataset.values()) {
            if (!clean.present().contains(d)) {
                continue;
            }
            InputCounts c = clean.counts().get(d);
            if (c.quarantineShare() > settings.maxQuarantineShare()) {
                throw new InputRefused(String.format(Locale.ROOT,
                        "%s: %.1f%% of %d rows quarantined, above the limit of %.1f%% (ingest.max_quarantine_share); "
                                + "nothing was published; reasons: %s",
                        d.datasetName(), 100 * c.quarantineShare(), c.read(), 100 * settings.maxQuarantineShare(),
                        clean.quarantineReasons().get(d)));
            }
        }
        return new Accepted(settings.maxQuarantineShare());
    }
}
