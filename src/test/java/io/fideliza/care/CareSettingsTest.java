package io.fideliza.care;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.config.CareSettings;
import io.fideliza.config.JobConfig;
import io.fideliza.contract.InputError;
import io.fideliza.contract.SurveyKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service targets and the playbook's care section: the shipped defaults, a topic of the user's, bad values. */
class CareSettingsTest {
    @TempDir
    Path dir;

    @Test
    void theShippedDefaults() {
        JobConfig c = JobConfig.defaults();
        assertEquals(24, c.care().firstResponseHours());
        assertEquals(48, c.care().resolutionHours("delivery"));
        assertEquals(72, c.care().resolutionHours("anything else"));
        assertEquals(72, c.care().resolutionHours(null));
        assertEquals(2, c.care().lowCsat());
        assertEquals(SurveyKind.CSAT, c.playbook().care().afterTicket());
        assertEquals(2, c.playbook().care().daysAfterResolution());
        assertEquals(SurveyKind.NPS, c.playbook().care().afterFirstOrder());
        assertEquals("replacement + voucher", c.playbook().care().gesture("delivery", 500));
        assertEquals("apology", c.playbook().care().gesture("how-to", 499.99));
    }

    @Test
    void aConfigMayNameItsOwnTopicsAndRefusesNonsense() throws Exception {
        Path own = dir.resolve("job.yaml");
        Files.writeString(own, "care:\n  targets:\n    first_response_hours: 8\n    resolution_hours:\n"
                + "      warranty: 240\n");
        CareSettings c = JobConfig.load(own).care();
        assertEquals(8, c.firstResponseHours());
        assertEquals(240, c.resolutionHours("warranty"));
        assertEquals(48, c.resolutionHours("delivery"), "the shipped topics stay");
        Files.writeString(own, "care:\n  targets:\n    first_response_hours: 0\n");
        assertTrue(assertThrows(InputError.class, () -> JobConfig.load(own)).getMessage()
                .contains("care.targets.first_response_hours"));
        Files.writeString(own, "care:\n  low_csat_typo: 3\n");
        assertTrue(assertThrows(InputError.class, () -> JobConfig.load(own)).getMessage()
                .contains("unknown config key 'care.low_csat_typo'"));
    }
}
