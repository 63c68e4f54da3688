package io.fideliza.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.contract.Action;
import io.fideliza.contract.Channel;
import io.fideliza.contract.InputError;
import io.fideliza.testing.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigTest {
    @TempDir
    Path dir;

    @Test
    void theShippedNightlyConfigIsTheDefault() {
        JobConfig defaults = JobConfig.defaults();
        JobConfig shipped = JobConfig.load(Path.of("jobs/nightly.yaml"));
        assertEquals(defaults, shipped);
        assertEquals(10, defaults.recommend().topN());
        assertEquals(0.05, defaults.ingest().maxQuarantineShare());
        assertEquals(List.of(Channel.PHONE, Channel.SOCIAL), defaults.playbook().rule(Action.SERVICE_RECOVERY).channels());
        assertEquals(List.of(Action.WIN_BACK, Action.REPLENISHMENT_REMINDER, Action.CROSS_SELL),
                defaults.playbook().actionsFor("At risk"));
        assertEquals(defaults.playbook().actionsFor("default"), defaults.playbook().actionsFor("No such segment"));
    }

    @Test
    void aUserConfigOverridesOnlyItsKeys() {
        Path file = Files.write(dir, "job.yaml", "recommend:\n  top_n: 5\n  als:\n    rank: 8\n");
        JobConfig c = JobConfig.load(file);
        assertEquals(5, c.recommend().topN());
        assertEquals(8, c.recommend().als().rank());
        assertEquals(JobConfig.defaults().recommend().als().iterations(), c.recommend().als().iterations());
        assertEquals(JobConfig.defaults().playbook(), c.playbook(), "no playbook named: the packaged one");
    }

    @Test
    void theGridIsSizedToTheValidationSplitUnlessTurnedOff() {
        JobConfig.ModelSettings shipped = JobConfig.defaults().recommend().model();
        assertEquals(250, shipped.customersPerAlsSetting());
        assertEquals(1, shipped.alsSettingsFor(249, 4));
        assertEquals(2, shipped.alsSettingsFor(700, 4));
        assertEquals(4, shipped.alsSettingsFor(100_000, 4));
        Path off = Files.write(dir, "off.yaml", "recommend:\n  training:\n    customers_per_als_setting: 0\n");
        assertEquals(4, JobConfig.load(off).recommend().model().alsSettingsFor(10, 4));
        Path negative = Files.write(dir, "negative.yaml", "recommend:\n  training:\n    customers_per_als_setting: -1\n");
        InputError e = assertThrows(InputError.class, () -> JobConfig.load(negative));
        assertTrue(e.getMessage().endsWith("recommend.training.customers_per_als_setting must be 0 or more, not -1"),
                e.getMessage());
    }

    @Test
    void typosAndWrongKindsAreNamed() {
        Path typo = Files.write(dir, "typo.yaml", "recomend:\n  top_n: 5\n");
        InputError e = assertThrows(InputError.class, () -> JobConfig.load(typo));
        assertTrue(e.getMessage().endsWith("unknown config key 'recomend.top_n'"), e.getMessage());
        Path wrong = Files.write(dir, "wrong.yaml", "recommend:\n  top_n: many\n");
        e = assertThrows(InputError.class, () -> JobConfig.load(wrong));
        assertTrue(e.getMessage().endsWith("config key 'recommend.top_n' must be a whole number, not 'many'"),
                e.getMessage());
    }

    @Test
    void ingestWorkFilesStayInMemoryOnlyForSmallLocalRunsUnlessTheConfigSays() {
        JobConfig.WorkFiles auto = JobConfig.defaults().ingest().workFiles();
        assertEquals(new JobConfig.WorkFiles(JobConfig.WorkFiles.Mode.AUTO, 20), auto);
        assertTrue(auto.inMemory(true, (19L << 20)));
        assertFalse(auto.inMemory(true, (20L << 20)), "20 MB and more: Parquet files");
        assertFalse(auto.inMemory(false, 1), "on a cluster an executor's memory can be lost");
        assertTrue(new JobConfig.WorkFiles(JobConfig.WorkFiles.Mode.MEMORY, 20).inMemory(false, 1L << 40));
        assertFalse(new JobConfig.WorkFiles(JobConfig.WorkFiles.Mode.PARQUET, 20).inMemory(true, 1));
        Path bad = Files.write(dir, "bad.yaml", "ingest:\n  work_files: disk\n");
        InputError e = assertThrows(InputError.class, () -> JobConfig.load(bad));
        assertTrue(e.getMessage().endsWith("config key 'ingest.work_files' must be one of auto, memory, parquet, not 'disk'"),
                e.getMessage());
    }

    @Test
    void theSegmentModelKeysHaveTheirDefaultsAndAreChecked() {
        assertEquals(SegmentModelSettings.DEFAULTS, JobConfig.defaults().segment().model());
        Path file = Files.write(dir, "job.yaml", "segment:\n  refit_days: 7\n  drift:\n    max_size_shift: 0.2\n");
        SegmentModelSettings m = JobConfig.load(file).segment().model();
        assertEquals(new SegmentModelSettings(false, 7, 0.03, 0.10, 0.2, 0.25, 1.3, 90, 2.0), m);
        Path zero = Files.write(dir, "zero.yaml", "segment:\n  refit_days: 0\n");
        InputError e = assertThrows(InputError.class, () -> JobConfig.load(zero));
        assertTrue(e.getMessage().endsWith("segment.refit_days must be at least 1"), e.getMessage());
        Path typo = Files.write(dir, "typo.yaml", "segment:\n  drift:\n    max_size_shfit: 0.2\n");
        e = assertThrows(InputError.class, () -> JobConfig.load(typo));
        assertTrue(e.getMessage().endsWith("unknown config key 'segment.drift.max_size_shfit'"), e.getMessage());
    }

    @Test
    void theSegmentAlgorithmIsOneAlgorithmOrBest() {
        assertEquals(SegmentAlgorithm.Choice.KMEANS, JobConfig.defaults().segment().algorithm());
        assertEquals("kmeans", JobConfig.defaults().summary().segment().algorithm(), "as the manifest writes it");
        Path best = Files.write(dir, "best.yaml", "segment:\n  algorithm: best\n");
        assertEquals(List.of(SegmentAlgorithm.KMEANS, SegmentAlgorithm.BISECTING_KMEANS,
                        SegmentAlgorithm.GAUSSIAN_MIXTURE), JobConfig.load(best).segment().algorithm().algorithms());
        Path bad = Files.write(dir, "bad.yaml", "segment:\n  algorithm: kmedoids\n");
        InputError e = assertThrows(InputError.class, () -> JobConfig.load(bad));
        assertEquals(bad + ": config key 'segment.algorithm' must be one of kmeans, bisecting_kmeans, "
                + "gaussian_mixture, best, not 'kmedoids'", e.getMessage());
    }

    @Test
    void theConfidenceScalesAreReadOnce() {
        JobConfig.ModelSettings shipped = JobConfig.defaults().recommend().model();
        assertEquals(ConfidenceScale.LOG, shipped.confidence());
        assertEquals(List.of(ConfidenceScale.LOG), shipped.confidences());
        Path both = Files.write(dir, "both.yaml", "recommend:\n  confidence: linear\n  training:\n"
                + "    confidences: [linear, log]\n");
        JobConfig.ModelSettings m = JobConfig.load(both).recommend().model();
        assertEquals(ConfidenceScale.LINEAR, m.confidence());
        assertEquals(List.of(ConfidenceScale.LINEAR, ConfidenceScale.LOG), m.confidences());
        Path bad = Files.write(dir, "bad.yaml", "recommend:\n  confidence: sqrt\n");
        InputError e = assertThrows(InputError.class, () -> JobConfig.load(bad));
        assertEquals(bad + ": config key 'recommend.confidence' must be one of linear, log, not 'sqrt'",
                e.getMessage());
        Path badList = Files.write(dir, "bad-list.yaml", "recommend:\n  training:\n    confidences: [log, sqrt]\n");
        e = assertThrows(InputError.class, () -> JobConfig.load(badList));
        assertEquals(badList + ": config key 'recommend.training.confidences' must list only linear, log, not 'sqrt'",
                e.getMessage());
    }

    @Test
    void theExportDelimiterIsACommaASemicolonOrTheLanguages() {
        JobConfig.ExportSettings.Delimiter auto = JobConfig.defaults().export().delimiter();
        assertEquals(JobConfig.ExportSettings.Delimiter.AUTO, auto);
        assertEquals(';', auto.or(';'));
        assertEquals(',', auto.or(','));
        Path semicolon = Files.write(dir, "semicolon.yaml", "export:\n  delimiter: \";\"\n");
        JobConfig.ExportSettings.Delimiter set = JobConfig.load(semicolon).export().delimiter();
        assertEquals(JobConfig.ExportSettings.Delimiter.SEMICOLON, set);
        assertEquals(';', set.or(','), "a delimiter the config names whatever the language");
        Path comma = Files.write(dir, "comma.yaml", "export:\n  delimiter: \",\"\n");
        assertEquals(',', JobConfig.load(comma).export().delimiter().or(';'));
        Path bad = Files.write(dir, "bad.yaml", "export:\n  delimiter: tab\n");
        InputError e = assertThrows(InputError.class, () -> JobConfig.load(bad));
        assertEquals(bad + ": export.delimiter must be \",\", \";\" or auto, not 'tab'", e.getMessage());
    }

    @Test
    void aPlaybookCannotScheduleServiceRecoveryPerSegment() {
        Path file = Files.write(dir, "job.yaml", "plan:\n  playbook: pb.yaml\n");
        String playbook = new String(readResource("/fideliza/playbook.yaml"))
                .replace("Unhappy: [replenishment_reminder, nurture]", "Unhappy: [service_recovery, nurture]");
        Files.write(dir, "pb.yaml", playbook);
        InputError e = assertThrows(InputError.class, () -> JobConfig.load(file));
        assertTrue(e.getMessage().contains("service_recovery always comes first"), e.getMessage());
    }

    private static byte[] readResource(String name) {
        try (var in = JobConfigTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
