package io.fideliza.generate;

/**
 * Names in the {@code _truth/} folder a generator writes beside its data: each product's family and role, which
 * the audits in src/tools check recommendations against. Declared here because the sample writes it too.
 */
public final class TruthFiles {
    /** The folder, beside the datasets; the pipeline's readers never look into it. */
    public static final String FOLDER = "_truth";
    /** product_id, family, role: one row per product of a family. */
    public static final String PRODUCTS = "products.csv";
    public static final String DEVICE = "device";
    public static final String ACCESSORY = "accessory";
    public static final String CONSUMABLE = "consumable";

    private TruthFiles() {
    }
}
