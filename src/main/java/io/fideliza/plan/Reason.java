package io.fideliza.plan;

import io.fideliza.language.Messages;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a customer got their plan, as codes with arguments (action_plans' {@code reason_code} and {@code reason_args}),
 * so the exports can say it in each customer's language; {@link #english()} is the plan's {@code reason} column.
 */
public record Reason(String code, List<String> args) implements Serializable {

    /** A reason of one code; arguments are kept as text (dates as yyyy-MM-dd, which the exports localise). */
    public static Reason of(String code, Object... args) {
        return new Reason(code, texts(args));
    }

    /** This reason followed by another part: {@code no_order+held_by_cap}. */
    public Reason then(String nextCode, Object... nextArgs) {
        List<String> all = new ArrayList<>(args);
        all.addAll(texts(nextArgs));
        return new Reason(code + Messages.CODE_JOIN + nextCode, all);
    }

    /** The reason in English, as the plans' {@code reason} column has always said it. */
    public String english() {
        return English.MESSAGES.reason(code, args);
    }

    private static List<String> texts(Object... args) {
        List<String> out = new ArrayList<>();
        for (Object a : args) {
            out.add(String.valueOf(a));
        }
        return out;
    }

    /** Loaded once per JVM (executors too), when a reason is first written. */
    private static final class English {
        static final Messages MESSAGES = Messages.english();
    }
}
