package io.fideliza.contract;

import java.util.Locale;

/** Where support is asked for (contract.md, support.channel): the values the pipeline knows; others are kept as they come. */
public enum SupportChannel {
    EMAIL, PHONE, CHAT, SOCIAL, WHATSAPP, STORE, OTHER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
