package io.fideliza.contract;

import java.util.Locale;

/** Where orders are placed (contract.md, orders.channel): the values the pipeline knows; others are kept as they come. */
public enum OrderChannel {
    WEB, APP, STORE, PHONE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
