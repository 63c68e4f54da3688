package io.fideliza.recommend;

import dev.ludovic.netlib.blas.BLAS;
import io.fideliza.config.ConfidenceScale;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Each customer's personal picks, a block of customers at a time: ALS preference (the customer's factors
 * solved from their own interactions against the model's item factors, then one BLAS sgemm per block) blended
 * with the complement evidence of the products they own, and the first refills of consumables that go with a
 * durable product they own. A pick's reason is the owned product with the strongest evidence for it, or none.
 * Picks with evidence come first, in the blend's order; ALS's own picks (no reason) only fill the places left.
 */
public final class PersonalTopK implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * One customer: interactions (product indexes and strengths), the products they bought, the products they must
     * not get, and whether they have enough history for ALS.
     */
    public record User(String userId, int[] items, float[] strengths, int[] owned, int[] excluded, boolean als)
            implements Serializable {
    }

    /** A pick: the product, its blended score, the owned product that explains it (-1: none), a first refill or not. */
    public record Pick(String userId, int item, float score, int because, boolean refill, int rank) implements Serializable {
    }

    /** The BLAS implementation this JVM uses (native OpenBLAS, the JDK Vector API or plain Java), for the run's log. */
    public static String blasName() {
        return BLAS.getInstance().getClass().getSimpleName();
    }

    private final int itemCount;
    private final int rank;
    /** Item factors, item after item; null when the model has no ALS part. */
    private final float[] itemFactors;
    private final double[] yty;
    private final double alpha;
    private final double regParam;
    private final ConfidenceScale confidence;
    private final double epsilon;
    private final Complements complements;
    /** May be cross-sold: available and not a consumable. */
    private final boolean[] crossSell;
    /** May be a first refill: available consumable. */
    private final boolean[] refill;
    /** Durable: may explain a first refill. */
    private final boolean[] durable;
    /** Weight of ALS in the blend (0: complements only, 1: ALS only). */
    private final double blend;
    private final int k;
    private final int blockSize;
    private final int[] allItems;

    public PersonalTopK(int itemCount, int rank, float[] itemFactors, double alpha, double regParam,
                        ConfidenceScale confidence, double epsilon, Complements complements, boolean[] crossSell,
                        boolean[] refill, boolean[] durable, double blend, int k, int blockSize) {
        this.itemCount = itemCount;
        this.rank = rank;
        this.itemFactors = itemFactors;
        this.yty = itemFactors == null ? null : gram(itemFactors, itemCount, rank);
        this.alpha = alpha;
        this.regParam = regParam;
        this.confidence = confidence;
        this.epsilon = epsilon;
        this.complements = complements;
        this.crossSell = crossSell;
        this.refill = refill;
        this.durable = durable;
        this.blend = blend;
        this.k = k;
        this.blockSize = blockSize;
        this.allItems = new int[itemCount];
        for (int i = 0; i < itemCount; i++) {
            allItems[i] = i;
        }
    }

    private static double[] gram(float[] y, int n, int rank) {
        double[] g = new double[rank * rank];
        for (int i = 0; i < n; i++) {
            int o = i * rank;
            for (int a = 0; a < rank; a++) {
                double ya = y[o + a];
                for (int b = 0; b <= a; b++) {
                    g[a * rank + b] += ya * y[o + b];
                }
            }
        }
        for (int a = 0; a < rank; a++) {
            for (int b = 0; b < a; b++) {
                g[b * rank + a] = g[a * rank + b];
            }
        }
        return g;
    }

    /** True when ALS takes part in the scores. */
    boolean usesAls() {
        return itemFactors != null && blend > 0;
    }

    public Iterator<Pick> score(Iterator<User> users) {
        BLAS blas = BLAS.getInstance();
        List<Pick> out = new ArrayList<>();
        float[] block = new float[rank * blockSize];
        float[] scores = new float[itemCount * blockSize];
        boolean[] hasFactors = new boolean[blockSize];
        Scratch scratch = new Scratch(itemCount);
        List<User> batch = new ArrayList<>(blockSize);
        while (users.hasNext()) {
            batch.add(users.next());
            if (batch.size() == blockSize || !users.hasNext()) {
                int b = batch.size();
                boolean any = false;
                if (usesAls()) {
                    for (int u = 0; u < b; u++) {
                        float[] x = batch.get(u).als() ? solve(batch.get(u)) : null;
                        hasFactors[u] = x != null;
                        any |= x != null;
                        for (int f = 0; f < rank; f++) {
                            block[u * rank + f] = x == null ? 0 : x[f];
                        }
                    }
                }
                if (any) {
                    blas.sgemm("T", "N", itemCount, b, rank, 1.0f, itemFactors, rank, block, rank, 0.0f, scores, itemCount);
                }
                for (int u = 0; u < b; u++) {
                    pick(batch.get(u), any && hasFactors[u] ? scores : null, u * itemCount, scratch, out);
                }
                batch.clear();
            }
        }
        return out.iterator();
    }

    /**
     * The customer's factors given the item factors Y, as one ALS half-step computes them (Spark's implicit
     * ALS): (Y'Y + sum over the customer's items of c1 y y' + regParam n I) x = sum of (1 + c1) y, where
     * c1 = alpha times the scaled strength and n is the number of items. Null without known items.
     */
    float[] solve(User user) {
        double[] a = yty.clone();
        double[] rhs = new double[rank];
        int n = 0;
        for (int j = 0; j < user.items().length; j++) {
            int i = user.items()[j];
            if (i < 0 || user.strengths()[j] <= 0) {
                continue;
            }
            double c1 = alpha * confidence.scale(user.strengths()[j], epsilon);
            int o = i * rank;
            for (int p = 0; p < rank; p++) {
                double yp = itemFactors[o + p];
                rhs[p] += (1 + c1) * yp;
                for (int q = 0; q <= p; q++) {
                    a[p * rank + q] += c1 * yp * itemFactors[o + q];
                }
            }
            n++;
        }
        if (n == 0) {
            return null;
        }
        for (int p = 0; p < rank; p++) {
            for (int q = 0; q < p; q++) {
                a[q * rank + p] = a[p * rank + q];
            }
            a[p * rank + p] += regParam * n;
        }
        double[] x = cholesky(a, rhs, rank);
        float[] f = new float[rank];
        for (int p = 0; p < rank; p++) {
            f[p] = (float) x[p];
        }
        return f;
    }

    /** Solves a x = b for a symmetric positive definite a (row-major, overwritten). */
    static double[] cholesky(double[] a, double[] b, int n) {
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int p = 0; p < j; p++) {
                d -= a[j * n + p] * a[j * n + p];
            }
            d = Math.sqrt(Math.max(d, 1e-12));
            a[j * n + j] = d;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int p = 0; p < j; p++) {
                    s -= a[i * n + p] * a[j * n + p];
                }
                a[i * n + j] = s / d;
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int p = 0; p < i; p++) {
                s -= a[i * n + p] * y[p];
            }
            y[i] = s / a[i * n + i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int p = i + 1; p < n; p++) {
                s -= a[p * n + i] * x[p];
            }
            x[i] = s / a[i * n + i];
        }
        return x;
    }

    /** Per-partition work arrays, reset after each customer through the list of touched items. */
    private static final class Scratch {
        final boolean[] seen;
        final float[] likelihood;
        final float[] strongest;
        final int[] because;
        final float[] refillEvidence;
        final float[] refillLikelihood;
        final int[] refillBecause;
        final boolean[] excluded;
        final int[] touched;
        int touchedCount;

        Scratch(int n) {
            seen = new boolean[n];
            likelihood = new float[n];
            strongest = new float[n];
            because = new int[n];
            refillEvidence = new float[n];
            refillLikelihood = new float[n];
            refillBecause = new int[n];
            excluded = new boolean[n];
            touched = new int[n];
            Arrays.fill(because, -1);
            Arrays.fill(refillBecause, -1);
        }

        void reset(User user) {
            for (int t = 0; t < touchedCount; t++) {
                int i = touched[t];
                seen[i] = false;
                likelihood[i] = 0;
                strongest[i] = 0;
                because[i] = -1;
                refillEvidence[i] = 0;
                refillLikelihood[i] = 0;
                refillBecause[i] = -1;
            }
            touchedCount = 0;
            for (int i : user.excluded()) {
                if (i >= 0) {
                    excluded[i] = false;
                }
            }
        }
    }

    private void pick(User user, float[] als, int offset, Scratch s, List<Pick> out) {
        for (int i : user.excluded()) {
            if (i >= 0) {
                s.excluded[i] = true;
            }
        }
        for (int a : user.owned()) {
            if (a < 0) {
                continue;
            }
            int[] nb = complements.neighbours(a);
            float[] ev = complements.evidence(a);
            float[] share = complements.shares(a);
            for (int j = 0; j < nb.length; j++) {
                int b = nb[j];
                if (!s.seen[b]) {
                    s.seen[b] = true;
                    s.touched[s.touchedCount++] = b;
                }
                s.likelihood[b] += share[j];
                if (ev[j] > s.strongest[b]) {
                    s.strongest[b] = ev[j];
                    s.because[b] = a;
                }
                if (durable[a] && ev[j] > s.refillEvidence[b]) {
                    s.refillEvidence[b] = ev[j];
                    s.refillLikelihood[b] = share[j];
                    s.refillBecause[b] = a;
                }
            }
        }
        // ALS scaled to the customer's best candidate; complement evidence kept on its own scale (the share of an
        // owned product's buyers who bought the pick, summed over owned products, scaled down only past 1), so that
        // weak evidence stays weak even when it is all a customer has.
        float likelihoodMax = 0;
        for (int t = 0; t < s.touchedCount; t++) {
            int b = s.touched[t];
            if (crossSell[b] && !s.excluded[b]) {
                likelihoodMax = Math.max(likelihoodMax, s.likelihood[b]);
            }
        }
        float alsMax = 0;
        if (als != null) {
            for (int i = 0; i < itemCount; i++) {
                if (crossSell[i] && !s.excluded[i]) {
                    alsMax = Math.max(alsMax, als[offset + i]);
                }
            }
        }
        boolean withAls = als != null && alsMax > 0;
        double wAls = withAls ? (likelihoodMax > 0 ? blend : 1.0) / alsMax : 0;
        double wEvidence = likelihoodMax > 0 ? (withAls ? 1 - blend : 1.0) / Math.max(1f, likelihoodMax) : 0;
        List<Candidate> picks = new ArrayList<>();
        if (withAls) {
            Score blended = i -> (float) (wAls * als[offset + i] + wEvidence * s.likelihood[i]);
            // Significant complement evidence keeps its places: ALS may reorder it but not push it out, else
            // products everybody buys crowd out what goes with what the customer owns (issue 25).
            top(s, blended, s.touched, s.touchedCount, k, false, picks);
            top(s, blended, allItems, itemCount, k - picks.size(), true, picks);
        } else if (wEvidence > 0) {
            top(s, i -> (float) (wEvidence * s.likelihood[i]), s.touched, s.touchedCount, k, false, picks);
        }
        int r = 1;
        for (Candidate c : picks) {
            out.add(new Pick(user.userId(), c.item, c.score, s.because[c.item], false, r++));
        }
        // First refills: consumables that go with a durable product the customer owns and that they never bought.
        List<Candidate> refills = new ArrayList<>();
        for (int t = 0; t < s.touchedCount; t++) {
            int b = s.touched[t];
            if (refill[b] && !s.excluded[b] && s.refillBecause[b] >= 0 && Arrays.binarySearch(user.owned(), b) < 0) {
                refills.add(new Candidate(b, s.refillLikelihood[b]));
            }
        }
        refills.sort(Candidate.BEST_FIRST);
        r = 1;
        for (Candidate c : refills.subList(0, Math.min(k, refills.size()))) {
            out.add(new Pick(user.userId(), c.item, c.score, s.refillBecause[c.item], true, r++));
        }
        s.reset(user);
    }

    private record Candidate(int item, float score) {
        static final java.util.Comparator<Candidate> BEST_FIRST = (a, b) -> a.score != b.score
                ? Float.compare(b.score, a.score) : Integer.compare(a.item, b.item);
    }

    private interface Score {
        float of(int item);
    }

    /**
     * Appends to {@code out} the {@code limit} best cross-sell candidates among items[0..n), best first, ties to the
     * lower index; {@code withoutEvidence}: only products no owned product has evidence for.
     */
    private void top(Scratch s, Score score, int[] items, int n, int limit, boolean withoutEvidence,
                     List<Candidate> out) {
        if (limit <= 0) {
            return;
        }
        PriorityQueue<Candidate> heap = new PriorityQueue<>(limit + 1, Candidate.BEST_FIRST.reversed());
        for (int t = 0; t < n; t++) {
            int i = items[t];
            if (!crossSell[i] || s.excluded[i] || (withoutEvidence && s.seen[i])) {
                continue;
            }
            float v = score.of(i);
            if (heap.size() == limit) {
                Candidate worst = heap.peek();
                if (v < worst.score || (v == worst.score && i > worst.item)) {
                    continue;
                }
                heap.poll();
            }
            heap.add(new Candidate(i, v));
        }
        List<Candidate> best = new ArrayList<>(heap);
        best.sort(Candidate.BEST_FIRST);
        out.addAll(best);
    }
}
