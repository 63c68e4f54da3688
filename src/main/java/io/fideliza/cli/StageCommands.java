package io.fideliza.cli;

import picocli.CommandLine.Command;

/** One subcommand per stage: each runs the pipeline up to its stage and publishes those outputs. */
final class StageCommands {
    private StageCommands() {
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run every stage: ingest, features, segment, recommend, plan, export, report.")
    static final class Run extends PipelineCommand {
        @Override
        String lastStage() {
            return null;
        }
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Validate the inputs: quarantine, duplicates and counts in the manifest; refuse broken ones.")
    static final class Ingest extends PipelineCommand {
        @Override
        String lastStage() {
            return "check"; // ingest's own check that the inputs are fit to use
        }
    }

    @Command(name = "features", mixinStandardHelpOptions = true,
            description = "Ingest, then write customer_features.")
    static final class Features extends PipelineCommand {
        @Override
        String lastStage() {
            return "features";
        }
    }

    @Command(name = "segment", mixinStandardHelpOptions = true,
            description = "Up to segmentation: segments, segment_profiles, segment_migrations.")
    static final class Segment extends PipelineCommand {
        @Override
        String lastStage() {
            return "segment";
        }
    }

    @Command(name = "recommend", mixinStandardHelpOptions = true,
            description = "Up to recommendations (ALS cross-sell, replenishment, popular).")
    static final class Recommend extends PipelineCommand {
        @Override
        String lastStage() {
            return "recommend";
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Up to action_plans and segment_plans.")
    static final class Plan extends PipelineCommand {
        @Override
        String lastStage() {
            return "plan";
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Everything, including the marketer CSV exports and the report (same as run).")
    static final class Export extends PipelineCommand {
        @Override
        String lastStage() {
            return null;
        }
    }
}
