package io.fideliza.ingest;

/** What decides who may be contacted for marketing in this run (contract.md, customers.marketing_opt_in). */
public enum ConsentSource {
    /** Each customer's marketing_opt_in; an empty value or a customer missing from customers: not opted in. */
    COLUMN("each customer's marketing_opt_in"),
    /** No marketing_opt_in column (or no customers file): nobody gets marketing. */
    NOBODY("no marketing_opt_in column: nobody gets marketing"),
    /** No column, and the config states that every customer consented. */
    EVERYONE("no marketing_opt_in column: everyone consented (ingest.without_consent_column)");

    private final String description;

    ConsentSource(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
