package io.fideliza.tools;

import dev.ludovic.netlib.blas.BLAS;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Scores users against every candidate item as one matrix product per block of users (BLAS sgemm:
 * native OpenBLAS when installed, else the JDK Vector API, else plain Java) and keeps a per-user
 * top-k, skipping each user's excluded items. No user-item cross join is ever materialised.
 */
public final class BlockedTopK implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One user to score: its factors, the items it must not get, and the items that can explain a pick. */
    public record User(String userId, float[] factors, int[] excluded, int[] explainers) implements Serializable {
    }

    /** One recommendation: the item, its score, and the explaining item most similar to it (-1: none). */
    public record Pick(String userId, int item, float score, int because, int rank) implements Serializable {
    }

    private final int rank;
    private final int itemCount;
    /** Item factors, item after item (column-major rank x itemCount). */
    private final float[] itemFactors;
    private final boolean[] candidate;
    private final int k;
    private final int blockSize;

    public BlockedTopK(int rank, float[] itemFactors, boolean[] candidate, int k, int blockSize) {
        this.rank = rank;
        this.itemCount = candidate.length;
        this.itemFactors = itemFactors;
        this.candidate = candidate;
        this.k = k;
        this.blockSize = blockSize;
    }

    /** The BLAS implementation this JVM uses, for the run's log and the benchmark. */
    public static String blasName() {
        return BLAS.getInstance().getClass().getSimpleName();
    }

    public Iterator<Pick> score(Iterator<User> users) {
        BLAS blas = BLAS.getInstance();
        List<Pick> out = new ArrayList<>();
        float[] block = new float[rank * blockSize];
        float[] scores = new float[itemCount * blockSize];
        List<User> batch = new ArrayList<>(blockSize);
        while (users.hasNext()) {
            batch.add(users.next());
            if (batch.size() == blockSize || !users.hasNext()) {
                int b = batch.size();
                for (int u = 0; u < b; u++) {
                    System.arraycopy(batch.get(u).factors(), 0, block, u * rank, rank);
                }
                // scores (itemCount x b, column-major) = itemFactors^T (itemCount x rank) * block (rank x b)
                blas.sgemm("T", "N", itemCount, b, rank, 1.0f, itemFactors, rank, block, rank, 0.0f, scores, itemCount);
                for (int u = 0; u < b; u++) {
                    topK(batch.get(u), scores, u * itemCount, out);
                }
                batch.clear();
            }
        }
        return out.iterator();
    }

    private void topK(User user, float[] scores, int offset, List<Pick> out) {
        int[] excluded = user.excluded().clone();
        Arrays.sort(excluded);
        PriorityQueue<int[]> heap = new PriorityQueue<>(k + 1,
                (a, b) -> Float.compare(scores[offset + a[0]], scores[offset + b[0]]) != 0
                        ? Float.compare(scores[offset + a[0]], scores[offset + b[0]]) : Integer.compare(b[0], a[0]));
        // The heap's worst score, cached: most items fall below it and cost one comparison, and only
        // those that would enter the heap are looked up among the user's excluded items.
        float worstScore = Float.NEGATIVE_INFINITY;
        int worstItem = Integer.MAX_VALUE;
        for (int i = 0; i < itemCount; i++) {
            if (!candidate[i]) {
                continue;
            }
            float s = scores[offset + i];
            boolean full = heap.size() == k;
            if (full && (s < worstScore || (s == worstScore && i > worstItem))) {
                continue;
            }
            if (excluded.length > 0 && Arrays.binarySearch(excluded, i) >= 0) {
                continue;
            }
            if (full) {
                heap.poll();
            }
            heap.add(new int[] {i});
            if (heap.size() == k) {
                worstItem = heap.peek()[0];
                worstScore = scores[offset + worstItem];
            }
        }
        List<int[]> best = new ArrayList<>(heap);
        best.sort((a, b) -> Float.compare(scores[offset + b[0]], scores[offset + a[0]]) != 0
                ? Float.compare(scores[offset + b[0]], scores[offset + a[0]]) : Integer.compare(a[0], b[0]));
        int r = 1;
        for (int[] item : best) {
            out.add(new Pick(user.userId(), item[0], scores[offset + item[0]], mostSimilar(item[0], user.explainers()), r++));
        }
    }

    /** The explaining item whose factors point most in the direction of {@code item}'s (cosine). */
    int mostSimilar(int item, int[] explainers) {
        int best = -1;
        double bestSim = Double.NEGATIVE_INFINITY;
        double itemNorm = norm(item);
        for (int e : explainers) {
            if (e == item || e < 0 || e >= itemCount) {
                continue;
            }
            double dot = 0;
            for (int f = 0; f < rank; f++) {
                dot += (double) itemFactors[item * rank + f] * itemFactors[e * rank + f];
            }
            double sim = dot / (itemNorm * norm(e) + 1e-12);
            if (sim > bestSim) {
                bestSim = sim;
                best = e;
            }
        }
        return best;
    }

    private double norm(int item) {
        double s = 0;
        for (int f = 0; f < rank; f++) {
            s += (double) itemFactors[item * rank + f] * itemFactors[item * rank + f];
        }
        return Math.sqrt(s);
    }
}
