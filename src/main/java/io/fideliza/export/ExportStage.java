package io.fideliza.export;

import io.fideliza.care.CareStage.Care;
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

    /** @param careQueue tonight's care_queue, for the care team's files */
    public record Input(Plans plans, Dataset<Row> customers, Dataset<Row> features, Dataset<Row> careQueue) {
    }

    /**
     * File name to rows written; the customers to contact are the rows of every marketing file but the summary; the
     * care team's files ({@code care/CHANNEL.csv}) hold the tickets to put right.
     */
    public record Exported(Map<String, Long> files) implements StageResult {
        public long customers() {
            return files.entrySet().stream().filter(e -> !e.getKey().equals(SegmentExporter.SUMMARY_FILE)
                            && !e.getKey().startsWith(CareExporter.FOLDER + "/"))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        public long careTickets() {
            return files.entrySet().stream().filter(e -> e.getKey().startsWith(CareExporter.FOLDER + "/"))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        @Override
        public String summary() {
            return files.size() + " files, " + customers() + " customers to contact, " + careTickets()
                    + " tickets for the care team";
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
                earlier.get(Features.class).rows(), earlier.get(Care.class).queue());
    }

    @Override
    public Exported run(Input in, Outputs outputs) {
        try {
            org.apache.hadoop.fs.Path folder = outputs.stageFolder(OutputDataset.EXPORTS);
            Map<String, Long> files = new java.util.LinkedHashMap<>(new SegmentExporter(settings).write(
                    in.plans().actionPlans(), in.plans().segmentPlans(), in.customers(), in.features(),
                    outputs.fileSystem(), folder));
            files.putAll(new CareExporter(settings).write(in.careQueue(), outputs.fileSystem(), folder));
            return new Exported(files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write exports: " + e.getMessage(), e);
        }
    }
}
