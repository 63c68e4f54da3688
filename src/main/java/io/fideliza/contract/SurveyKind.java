package io.fideliza.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The kinds of survey answer (contract.md, surveys.kind), each with its score range. */
public enum SurveyKind {
    NPS(0, 10), CSAT(1, 5), CES(1, 7), REPURCHASE_INTENT(0, 10);

    private final int min;
    private final int max;

    SurveyKind(int min, int max) {
        this.min = min;
        this.max = max;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    public static SurveyKind fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(SurveyKind::code).toList();
    }
}
