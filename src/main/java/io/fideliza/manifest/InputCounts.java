package io.fideliza.manifest;

/** Where every row of one input went: read = valid + quarantined + duplicates + after_run_date. */
public record InputCounts(long read, long valid, long quarantined, long duplicates, long afterRunDate) {

    public static final InputCounts NONE = new InputCounts(0, 0, 0, 0, 0);

    public boolean balances() {
        return read == valid + quarantined + duplicates + afterRunDate;
    }

    public double quarantineShare() {
        return read == 0 ? 0.0 : (double) quarantined / read;
    }
}
