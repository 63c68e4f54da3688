package io.fideliza.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fideliza.contract.InputError;
import io.fideliza.testing.Files;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A typo at any level of the playbook stops the run with the file, the key path and a did-you-mean. */
class PlaybookCheckTest {
    @TempDir
    Path dir;

    static String shipped() throws IOException {
        return java.nio.file.Files.readString(Path.of("jobs/playbook.yaml"));
    }

    /** The shipped playbook with {@code from} replaced by {@code to}, as a file. */
    private Path edited(String from, String to) throws IOException {
        String text = shipped();
        if (!text.contains(from)) {
            throw new AssertionError("the shipped playbook has no '" + from + "'");
        }
        return Files.write(dir, "playbook.yaml", text.replace(from, to));
    }

    private String refused(Path playbook) {
        Path config = Files.write(dir, "job.yaml", "plan:\n  playbook: playbook.yaml\n");
        return assertThrows(InputError.class, () -> JobConfig.load(config)).getMessage();
    }

    @Test
    void theShippedPlaybookHasNoProblem() {
        assertEquals(List.of(), PlaybookCheck.problems(Path.of("jobs/playbook.yaml")));
    }

    @Test
    void aTypoAtTheTopLevel() throws IOException {
        Path p = edited("\nsegments:\n", "\nsegmens:\n");
        assertEquals(p + ": segmens: unknown key 'segmens', did you mean 'segments'?", refused(p));
    }

    @Test
    void aTypoUnderAnAction() throws IOException {
        Path p = edited("    offer: win-back-10", "    ofer: win-back-10");
        assertEquals(p + ": actions.win_back.ofer: unknown key 'ofer', did you mean 'offer'?", refused(p));
    }

    @Test
    void aMisspeltActionName() throws IOException {
        Path p = edited("  win_back:\n    channels", "  win_bak:\n    channels");
        assertEquals(p + ": actions.win_bak: unknown action 'win_bak', did you mean 'win_back'?", refused(p));
        Path q = edited("  Hibernating: [win_back, nurture]", "  Hibernating: [win_back, nurtur]");
        assertEquals(q + ": segments.Hibernating: unknown action 'nurtur', did you mean 'nurture'?", refused(q));
    }

    @Test
    void aMisspeltSegment() throws IOException {
        Path p = edited("  Hibernating: [win_back, nurture]", "  Hibernatng: [win_back, nurture]");
        assertEquals(p + ": segments.Hibernatng: unknown segment 'Hibernatng', did you mean 'Hibernating'?",
                refused(p));
    }

    @Test
    void aSegmentNameNoSegmentHasIsNamedWithTheNamesTheSegmenterGives() throws IOException {
        Path p = edited("  Hibernating: [win_back, nurture]", "  VIP gold: [win_back, nurture]");
        assertEquals(p + ": segments.VIP gold: unknown segment 'VIP gold' (segment names are those the segmenter "
                + "gives: Unhappy, Window shoppers, Cart abandoners, Champions, Loyal, New, At risk, Hibernating, "
                + "Occasional buyers, Browsers, numbered when two segments fit one (\"Loyal 2\"); and default)",
                refused(p));
        // A numbered name is a name the segmenter gives.
        assertEquals(List.of(), PlaybookCheck.problems(edited("  Hibernating: [win_back, nurture]",
                "  Hibernating: [win_back, nurture]\n  Loyal 2: [nurture]")));
    }

    @Test
    void aTypoUnderARule() throws IOException {
        Path p = edited("    when: [\"lifecycle == champion\"]", "    wen: [\"lifecycle == champion\"]");
        assertEquals(p + ": rules.champions.wen: unknown key 'wen', did you mean 'when'?", refused(p));
        Path q = edited("\"lifecycle == champion\"", "\"segment_name == Champtions\"");
        assertEquals(q + ": rules.champions.when: unknown segment 'Champtions', did you mean 'Champions'?",
                refused(q));
    }

    @Test
    void aTypoUnderTiming() throws IOException {
        Path p = edited("    timing: {after_days: 7}", "    timing: {after_day: 7}");
        assertEquals(p + ": actions.nurture.timing.after_day: unknown key 'after_day', did you mean 'after_days'?",
                refused(p));
    }

    @Test
    void aTimingWhoseBaseTheActionHasNot() throws IOException {
        Path p = edited("    timing: {after_days: 7}", "    timing: {days_before_due: 7}");
        assertEquals(p + ": actions.nurture.timing.days_before_due: only replenishment_reminder has a due date; "
                + "use after_days", refused(p));
        Path q = edited("    timing: {after_days: 7}", "    timing: {after_days: 7, days_before_due: 2}");
        assertEquals(q + ": actions.nurture.timing: give exactly one of after_days, days_before_due, "
                + "days_after_first_order, not after_days and days_before_due", refused(q));
    }

    @Test
    void aTypoInTheOtherSections() throws IOException {
        Path p = edited("  cooldowns:\n", "  cooldown:\n");
        assertEquals(p + ": contact_policy.cooldown: unknown key 'cooldown', did you mean 'cooldowns'?", refused(p));
        Path q = edited("    win_back: 30\n    vip_care: 30\n    cross_sell: 14", "    win_back: 30\n    vip_car: 30\n"
                + "    cross_sell: 14");
        assertEquals(q + ": contact_policy.cooldowns.vip_car: unknown action 'vip_car', did you mean 'vip_care'?",
                refused(q));
        Path r = edited("    period: quarter", "    periode: quarter");
        assertEquals(r + ": measurement.control_groups.periode: unknown key 'periode', did you mean 'period'?",
                refused(r));
        Path s = edited("    within_days: 30", "    within_day: 30");
        assertEquals(s + ": care.feedback.within_day: unknown key 'within_day', did you mean 'within_days'?",
                refused(s));
    }

    @Test
    void somethingFarFromAnyKeySaysWhatTheLevelHas() throws IOException {
        Path p = edited("    offer: win-back-10", "    offer: win-back-10\n    discount: 10");
        assertEquals(p + ": actions.win_back.discount: unknown key 'discount' (an action has channels, timing, "
                + "products, offer)", refused(p));
    }

    @Test
    void theCheckListsEveryProblem() throws IOException {
        String text = shipped().replace("    offer: win-back-10", "    ofer: win-back-10")
                .replace("  Hibernating: [win_back, nurture]", "  Hibernatng: [win_back, nurture]");
        Path p = Files.write(dir, "two.yaml", text);
        assertEquals(List.of(p + ": actions.win_back.ofer: unknown key 'ofer', did you mean 'offer'?",
                p + ": segments.Hibernatng: unknown segment 'Hibernatng', did you mean 'Hibernating'?"),
                PlaybookCheck.problems(p));
    }

    @Test
    void editDistance() {
        assertEquals(1, PlaybookCheck.distance("ofer", "offer"));
        assertEquals(3, PlaybookCheck.distance("kitten", "sitting"));
        assertEquals("Hibernating", PlaybookCheck.nearest("hibernating", List.of("Loyal", "Hibernating")));
        assertEquals(null, PlaybookCheck.nearest("discount", List.of("channels", "timing", "products", "offer")));
    }
}
