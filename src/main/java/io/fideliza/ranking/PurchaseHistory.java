package io.fideliza.ranking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * The distinct products each customer bought before the cut-off, with products numbered densely: what the
 * baselines learn from. Held on the driver; an offline evaluation runs on a sample-sized history.
 */
public final class PurchaseHistory {
    private final String[] productIds;
    private final Map<String, Integer> index;
    /** Per customer, the sorted product numbers it bought. */
    private final Map<String, int[]> owned;

    private PurchaseHistory(String[] productIds, Map<String, Integer> index, Map<String, int[]> owned) {
        this.productIds = productIds;
        this.index = index;
        this.owned = owned;
    }

    /** From (customer_id, product_id) rows, duplicates allowed; {@code catalogue} lists the products that may be recommended. */
    public static PurchaseHistory of(List<Row> customerProducts, List<String> catalogue) {
        String[] ids = catalogue.stream().distinct().sorted().toArray(String[]::new);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            index.put(ids[i], i);
        }
        Map<String, List<Integer>> lists = new LinkedHashMap<>();
        for (Row r : customerProducts) {
            Integer p = index.get(r.getString(1));
            if (p != null) {
                lists.computeIfAbsent(r.getString(0), c -> new ArrayList<>()).add(p);
            }
        }
        Map<String, int[]> owned = new HashMap<>();
        lists.forEach((c, l) -> owned.put(c, l.stream().mapToInt(Integer::intValue).sorted().distinct().toArray()));
        return new PurchaseHistory(ids, index, owned);
    }

    public int products() {
        return productIds.length;
    }

    public String productId(int i) {
        return productIds[i];
    }

    public Integer indexOf(String productId) {
        return index.get(productId);
    }

    public Map<String, int[]> owned() {
        return owned;
    }

    public int[] owned(String customer) {
        return owned.getOrDefault(customer, new int[0]);
    }

    public boolean owns(String customer, int product) {
        return Arrays.binarySearch(owned(customer), product) >= 0;
    }
}
