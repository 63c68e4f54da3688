package io.fideliza.contract;

import java.util.Locale;

/** The channels an action can go out on (contract.md); NONE means nobody is contacted. */
public enum Channel {
    EMAIL, SMS, PUSH, PHONE, SOCIAL, NONE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Channel fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }
}
