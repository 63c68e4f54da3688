package io.fideliza.export;

import io.fideliza.manifest.ManifestJson;
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
import java.util.Optional;
import io.fideliza.language.Languages;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The marketers' CSV files: one per segment with the customers to contact and a summary, the campaign files (one per
 * action and channel, with what is new since the last run), and the care team's files; in the run's language.
 */
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
                            && !e.getKey().startsWith(CareExporter.FOLDER + "/")
                            && !e.getKey().startsWith(CampaignExporter.FOLDER + "/"))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        /** The rows of the full campaign files (not the .new files nor the summary): tonight's marketing sends. */
        public long campaignSends() {
            return files.entrySet().stream().filter(e -> e.getKey().startsWith(CampaignExporter.FOLDER + "/")
                            && !e.getKey().endsWith(CampaignExporter.NEW_SUFFIX)
                            && !e.getKey().endsWith("/" + SegmentExporter.SUMMARY_FILE))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        public long careTickets() {
            return files.entrySet().stream().filter(e -> e.getKey().startsWith(CareExporter.FOLDER + "/"))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        @Override
        public String summary() {
            return files.size() + " files, " + customers() + " customers to contact, " + campaignSends()
                    + " campaign sends, " + careTickets() + " tickets for the care team";
        }

        @Override
        public void record(Manifest manifest) {
            manifest.output(OutputDataset.EXPORTS.folder(), customers());
            manifest.detail("export_files", ManifestJson.figures(files));
        }
    }

    private final ExportSettings settings;
    private final java.time.LocalDate runDate;

    public ExportStage(ExportSettings settings, java.time.LocalDate runDate) {
        this.settings = settings;
        this.runDate = runDate;
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
            Languages languages = Languages.of(settings, in.customers());
            CsvFiles csv = new CsvFiles(outputs.fileSystem(), folder, settings.utf8Bom(), languages.delimiter(settings));
            Map<String, Long> files = new java.util.LinkedHashMap<>(new SegmentExporter(csv, languages).write(
                    in.plans().actionPlans(), in.plans().segmentPlans(), in.customers(), in.features()));
            Optional<Dataset<Row>> previousPlans = outputs.previousRunDate(OutputDataset.ACTION_PLANS)
                    .flatMap(d -> outputs.published(OutputDataset.ACTION_PLANS, d));
            files.putAll(new CampaignExporter(csv, languages, runDate).write(in.plans().actionPlans(), in.customers(),
                    in.features(), previousPlans));
            files.putAll(new CareExporter(csv, languages.run()).write(in.careQueue()));
            return new Exported(files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write exports: " + e.getMessage(), e);
        }
    }
}
