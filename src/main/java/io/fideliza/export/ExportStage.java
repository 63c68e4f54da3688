package io.fideliza.export;

import io.fideliza.config.JobConfig.ExportSettings;
import io.fideliza.contract.OutputDataset;
import io.fideliza.features.FeaturesStage.Features;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.manifest.Manifest;
import io.fideliza.plan.PlanStage.Plans;
import io.fideliza.run.Outputs;
import io.fideliza.run.Stage;
import io.fideliza.run.StageResult;
import io.fideliza.run.StageResults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The marketers' CSV files: one per segment with the customers to contact, and a summary. */
public final class ExportStage implements Stage<ExportStage.Input, ExportStage.Exported> {

    public record Input(Plans plans, Dataset<Row> customers, Dataset<Row> features) {
    }

    /** File name to rows written; the customers to contact are the rows of every file but the summary. */
    public record Exported(Map<String, Long> files) implements StageResult {
        public long customers() {
            return files.entrySet().stream().filter(e -> !e.getKey().equals(SegmentExporter.SUMMARY_FILE))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        @Override
        public String summary() {
            return files.size() + " files, " + customers() + " customers to contact";
        }

        @Override
        public void record(Manifest manifest) {
            manifest.output(OutputDataset.EXPORTS.folder(), customers());
            manifest.detail("export_files", files);
        }
    }

    private final ExportSettings settings;

    public ExportStage(ExportSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "export";
    }

    @Override
    public Input input(StageResults earlier) {
        return new Input(earlier.get(Plans.class), earlier.get(CleanInputs.class).customers(),
                earlier.get(Features.class).rows());
    }

    @Override
    public Exported run(Input in, Outputs outputs) {
        try {
            return new Exported(new SegmentExporter(settings).write(in.plans().actionPlans(), in.plans().segmentPlans(),
                    in.customers(), in.features(), outputs.fileSystem(), outputs.stageFolder(OutputDataset.EXPORTS)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write exports: " + e.getMessage(), e);
        }
    }
}
