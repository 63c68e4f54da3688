package io.fideliza.segment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fideliza.manifest.ManifestJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a refit changes of the model in place, and what it moves: the old centroids carried over as they are,
 * minus those of segments that emptied out (a vanished kind of customer) and plus one for a group of customers
 * no centroid fits (a new kind); and, for any candidate, the customers it would move and why. Pure arithmetic on
 * centroids and a sample of standardised customers, so a refit's evolution is decided on the driver.
 */
public final class RefitCarryOver {
    /** Why a refit moves a customer: the segments were refitted, a new segment took them, theirs was retired. */
    enum Cause {
        NEW_DATA, NEW_KIND, RETIRED_SEGMENT;

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Customers the model in place puts in {@code oldSegment} and a candidate in {@code cluster}, tonight;
     * {@code lastRun}: whether they had a segment in the last run (only those can be moved).
     */
    record Shared(int oldSegment, int cluster, boolean lastRun, long customers) {
    }

    /**
     * The customers a refit moves: of {@code customers} who had a segment in the last run, {@code moved} are put
     * elsewhere than the model in place puts them tonight, by cause.
     */
    public record Moves(long customers, long moved, long newData, long newKind, long retiredSegment) {
        static final Moves NONE = new Moves(0, 0, 0, 0, 0);

        public double share() {
            return customers == 0 ? 0 : moved / (double) customers;
        }

        /** The manifest's view: the counts, the share moved, and the moves by cause. */
        ObjectNode asManifest() {
            ObjectNode m = ManifestJson.object();
            m.put("customers", customers);
            m.put("moved", moved);
            m.put("share", SegmentDrift.round4(share()));
            m.put(Cause.NEW_DATA.code(), newData);
            m.put(Cause.NEW_KIND.code(), newKind);
            m.put(Cause.RETIRED_SEGMENT.code(), retiredSegment);
            return m;
        }
    }

    /** Lloyd's iterations for an added centroid (the others stay where they are). */
    static final int ITERATIONS = 30;

    private RefitCarryOver() {
    }

    /**
     * The old clusters that still hold at least {@code minShare} of the sample, dropping the smallest one at a
     * time (its customers go to the nearest of the others) while more than {@code kMin} are left.
     */
    static List<Integer> surviving(double[][] centers, List<double[]> sample, double minShare, int kMin) {
        List<Integer> active = new ArrayList<>();
        for (int c = 0; c < centers.length; c++) {
            active.add(c);
        }
        while (active.size() > Math.max(1, kMin)) {
            long[] sizes = new long[centers.length];
            for (double[] p : sample) {
                sizes[nearest(p, centers, active)]++;
            }
            int smallest = active.stream().min(java.util.Comparator.comparingLong((Integer c) -> sizes[c])
                    .thenComparing(c -> -c)).orElseThrow();
            if (sizes[smallest] >= minShare * sample.size()) {
                break;
            }
            active.remove(Integer.valueOf(smallest));
        }
        return active;
    }

    /** Starting points tried for an added centroid: unfit customers spread over the list of them. */
    static final int STARTS = 20;

    /**
     * A group of customers no segment fits, found by {@link #newKind}: its centroid, its members in the sample
     * (customers nearer to it than to any kept centroid), how many of them no kept centroid fitted, and how far they
     * sit from it on average against the loosest fit of the model in place's segments.
     *
     * @param loosest the largest fit distance among the model's segments (95% of the training night's members of
     *                the loosest segment were at most this far from its centroid)
     */
    record NewKind(double[] center, long members, long unfitMembers, double meanDistance, double loosest,
                   long sample) {
        double share() {
            return sample == 0 ? 0 : members / (double) sample;
        }

        double unfitShare() {
            return members == 0 ? 0 : unfitMembers / (double) members;
        }

        /**
         * Its average member would be fitted by it as the loosest segment of the model fits its members: scattered
         * misfits, gathered around one centroid, sit farther from it.
         */
        boolean compact() {
            return meanDistance <= loosest;
        }

        /**
         * The adoption rule: a new kind of customer when it holds at least {@code minShare} of the customers, most of
         * its members (more than half) were unfit under the model in place, and it is compact. Not judged by
         * silhouette, which averages over everyone and rewards no segment for a small group between two others.
         */
        boolean adopted(double minShare) {
            return share() >= minShare && 2 * unfitMembers > members && compact();
        }

        /** Its figures, for the refit's decision. */
        String describe(double minShare) {
            return String.format(java.util.Locale.ROOT, "%.1f%% of tonight's customers (segment.min_segment_share %s), "
                            + "%.0f%% of them fitted by no segment (more than half needed), mean distance %.2f "
                            + "to its centroid against a fit distance of %.2f in the loosest segment (no more needed)", 100 * share(),
                    minShare, 100 * unfitShare(), meanDistance, loosest);
        }
    }

    /**
     * The centroid a new kind of customer would have: k-means with the kept centroids fixed and one free centroid,
     * started from {@link #STARTS} of the customers no kept centroid fits (farther from the nearest than 95% of its
     * members were when trained, {@code fit}), the start of lowest cost kept; empty when fewer than {@code minShare}
     * of the sample are unfit. Whether it is adopted is {@link NewKind#adopted}'s call.
     */
    static Optional<NewKind> newKind(double[][] centers, double[] fit, List<Integer> kept,
                                     List<double[]> sample, double minShare) {
        List<double[]> unfit = new ArrayList<>();
        boolean[] isUnfit = new boolean[sample.size()];
        double[] own = new double[sample.size()];
        for (int i = 0; i < sample.size(); i++) {
            double[] p = sample.get(i);
            int c = nearest(p, centers, kept);
            own[i] = squared(p, centers[c]);
            if (SegmentModel.distance(p, centers[c]) > fit[c]) {
                unfit.add(p);
                isUnfit[i] = true;
            }
        }
        if (unfit.isEmpty() || unfit.size() < minShare * sample.size()) {
            return Optional.empty();
        }
        double[] best = null;
        double bestCost = Double.MAX_VALUE;
        int starts = Math.min(STARTS, unfit.size());
        for (int s = 0; s < starts; s++) {
            double[] center = unfit.get((int) ((long) s * unfit.size() / starts)).clone();
            long members = 0;
            double cost = 0;
            for (int it = 0; it < ITERATIONS; it++) {
                double[] sum = new double[center.length];
                members = 0;
                cost = 0;
                for (int i = 0; i < sample.size(); i++) {
                    double[] p = sample.get(i);
                    double d = squared(p, center);
                    if (d < own[i]) {
                        members++;
                        cost += d;
                        for (int k = 0; k < sum.length; k++) {
                            sum[k] += p[k];
                        }
                    } else {
                        cost += own[i];
                    }
                }
                if (members == 0) {
                    break;
                }
                double[] next = new double[center.length];
                for (int k = 0; k < sum.length; k++) {
                    next[k] = sum[k] / members;
                }
                boolean converged = squared(next, center) < 1e-12;
                center = next;
                if (converged) {
                    break;
                }
            }
            if (members > 0 && cost < bestCost) {
                bestCost = cost;
                best = center;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        long members = 0;
        long unfitMembers = 0;
        double distance = 0;
        for (int i = 0; i < sample.size(); i++) {
            double[] p = sample.get(i);
            if (squared(p, best) < own[i]) {
                members++;
                distance += SegmentModel.distance(p, best);
                if (isUnfit[i]) {
                    unfitMembers++;
                }
            }
        }
        double loosest = 0;
        for (int c : kept) {
            loosest = Math.max(loosest, fit[c]);
        }
        return members == 0 ? Optional.empty() : Optional.of(new NewKind(best, members, unfitMembers,
                distance / members, loosest, sample.size()));
    }

    private static double squared(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            double x = a[i] - b[i];
            d += x * x;
        }
        return d;
    }

    /** The share of the sample nearer to {@code added} than to any kept centroid. */
    static double shareOf(double[] added, double[][] centers, List<Integer> kept, List<double[]> sample) {
        long n = sample.stream().filter(p -> SegmentModel.distance(p, added)
                < SegmentModel.distance(p, centers[nearest(p, centers, kept)])).count();
        return sample.isEmpty() ? 0 : n / (double) sample.size();
    }

    /**
     * What a candidate moves. {@code carried}: candidate cluster to the old segment id it carries on (the others
     * are new segments); an old segment no cluster carries on is retired.
     */
    static Moves moves(List<Shared> shared, Map<Integer, Integer> carried) {
        Set<Integer> carriedOn = Set.copyOf(carried.values());
        long customers = 0;
        long newData = 0;
        long newKind = 0;
        long retired = 0;
        for (Shared s : shared) {
            if (!s.lastRun()) {
                continue;
            }
            customers += s.customers();
            Integer to = carried.get(s.cluster());
            if (to != null && to == s.oldSegment()) {
                continue;
            }
            switch (cause(s.oldSegment(), to, carriedOn)) {
                case RETIRED_SEGMENT -> retired += s.customers();
                case NEW_KIND -> newKind += s.customers();
                case NEW_DATA -> newData += s.customers();
            }
        }
        return new Moves(customers, newData + newKind + retired, newData, newKind, retired);
    }

    /** Why a customer of {@code oldSegment} lands in the segment {@code to} carries on (null: a new segment). */
    static Cause cause(int oldSegment, Integer to, Set<Integer> carriedOn) {
        if (!carriedOn.contains(oldSegment)) {
            return Cause.RETIRED_SEGMENT;
        }
        return to == null ? Cause.NEW_KIND : Cause.NEW_DATA;
    }

    static int nearest(double[] p, double[][] centers, List<Integer> among) {
        int best = among.get(0);
        double bestD = Double.MAX_VALUE;
        for (int c : among) {
            double d = 0;
            for (int i = 0; i < p.length; i++) {
                double x = p[i] - centers[c][i];
                d += x * x;
            }
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }
}
