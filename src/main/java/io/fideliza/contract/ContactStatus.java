package io.fideliza.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What became of a contact the marketing or care tools sent (contract.md, contacts.status); empty means sent. */
public enum ContactStatus {
    SENT, DELIVERED, BOUNCED, OPENED, CLICKED, UNSUBSCRIBED;

    public static final ContactStatus DEFAULT = SENT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(ContactStatus::code).toList();
    }
}
