package io.fideliza.report;

import io.fideliza.care.ServiceTargets;
import io.fideliza.config.CareSettings;
import io.fideliza.config.JobConfig;
import io.fideliza.contract.OutputDataset;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.manifest.Manifest;
import io.fideliza.outcomes.OutcomesStage.Measured;
import io.fideliza.recommend.RecommendStage.Recommended;
import io.fideliza.run.Outputs;
import io.fideliza.run.RunContext;
import io.fideliza.run.Stage;
import io.fideliza.run.StageResult;
import io.fideliza.run.StageResults;
import io.fideliza.segment.SegmentModelStatus;
import io.fideliza.segment.SegmentStage.Segmentation;
import io.fideliza.value.ValueStage.CustomerValue;
import org.apache.hadoop.fs.Path;

/** The run's report for people who never open a terminal: one self-contained HTML page. */
public final class ReportStage implements Stage<ReportStage.Input, ReportStage.Reported> {

    /** The inputs' accounting, what the segment stage did with its model, how the recommender model did when
     * tested, and what the outcomes stage measured (null when it did not run). */
    public record Input(CleanInputs clean, SegmentModelStatus segmentModel, RecommenderCheck recommender,
                        Measured measured, CustomerValue customerValue) {
    }

    /** What the page shows, in short. */
    public record Reported(int segments, long customers) implements StageResult {
        @Override
        public String summary() {
            return HtmlReport.FILE_NAME + ": " + segments + " segments, " + customers + " customers";
        }

        @Override
        public void record(Manifest manifest) {
            manifest.output(OutputDataset.REPORT.folder(), 1);
        }
    }

    private final RunContext run;
    private final CareSettings care;
    private final JobConfig.ExportSettings language;

    public ReportStage(RunContext run) {
        this(run, JobConfig.defaults().care());
    }

    /** @param care the service targets the care part measures tickets against */
    public ReportStage(RunContext run, CareSettings care) {
        this(run, care, JobConfig.defaults().export());
    }

    /** @param language the run's language and currency ({@code export.language}, {@code export.currency}) */
    public ReportStage(RunContext run, CareSettings care, JobConfig.ExportSettings language) {
        this.run = run;
        this.care = care;
        this.language = language;
    }

    @Override
    public String name() {
        return "report";
    }

    @Override
    public Input input(StageResults earlier) {
        return new Input(earlier.get(CleanInputs.class), earlier.get(Segmentation.class).model(),
                RecommenderCheck.of(earlier.get(Recommended.class).model()), earlier.get(Measured.class),
                earlier.get(CustomerValue.class));
    }

    /** Made from the outputs staged before it, so the page shows exactly what is published. */
    @Override
    public Reported run(Input in, Outputs outputs) {
        CleanInputs clean = in.clean();
        ReportFacts facts = ReportFacts.collect(run.runDate(),
                outputs.staged(OutputDataset.SEGMENT_PROFILES).orElseThrow(),
                outputs.staged(OutputDataset.SEGMENT_MIGRATIONS).orElseThrow(),
                outputs.previousRunDate(OutputDataset.SEGMENT_PROFILES)
                        .flatMap(d -> outputs.published(OutputDataset.SEGMENT_PROFILES, d)),
                outputs.staged(OutputDataset.SEGMENT_PLANS).orElseThrow(),
                outputs.staged(OutputDataset.RECOMMENDATIONS).orElseThrow(), ReportFacts.inputs(clean))
                .withSegmentModel(in.segmentModel()).withRecommender(in.recommender())
                .withOnlyPopular(ReportFacts.onlyPopular(outputs.staged(OutputDataset.RECOMMENDATIONS).orElseThrow(),
                        outputs.staged(OutputDataset.SEGMENTS).orElseThrow()));
        outputs.writeText(new Path(outputs.stageFolder(OutputDataset.REPORT), HtmlReport.FILE_NAME),
                HtmlReport.render(facts, OutcomeFacts.collect(run.runDate(), in.measured().outcomes(),
                        in.measured().kpis(), outputs.earlierManifests()),
                        outputs.staged(OutputDataset.CARE_QUEUE).map(q -> CareFacts.collect(q, clean.support(),
                                new ServiceTargets(run, care))).orElse(CareFacts.NONE),
                        io.fideliza.language.Languages.of(language, clean.customers()).run(),
                        new ValueSection(in.customerValue().model(), in.customerValue().customers(),
                                in.customerValue().valueAtRisk())));
        return new Reported(facts.segments().size(), facts.customers());
    }
}
