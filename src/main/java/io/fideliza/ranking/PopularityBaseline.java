package io.fideliza.ranking;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Baseline: every customer gets the products most customers bought, minus what they own. */
public final class PopularityBaseline {
    private PopularityBaseline() {
    }

    public static Map<String, List<String>> recommend(PurchaseHistory history, Collection<String> customers, int k) {
        int[] buyers = new int[history.products()];
        for (int[] products : history.owned().values()) {
            for (int p : products) {
                buyers[p]++;
            }
        }
        int[] order = IntStream.range(0, buyers.length).boxed()
                .sorted((a, b) -> buyers[a] != buyers[b] ? Integer.compare(buyers[b], buyers[a]) : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
        Map<String, List<String>> out = new HashMap<>();
        for (String c : customers) {
            List<String> recs = new ArrayList<>(k);
            for (int i = 0; i < order.length && recs.size() < k; i++) {
                if (buyers[order[i]] > 0 && !history.owns(c, order[i])) {
                    recs.add(history.productId(order[i]));
                }
            }
            out.put(c, recs);
        }
        return out;
    }
}
