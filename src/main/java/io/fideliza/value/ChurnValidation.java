package io.fideliza.value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import io.fideliza.value.ValueFigures.Decile;

/** How well predicted churn risks separate and match what happened: the AUC and a calibration table by decile. */
final class ChurnValidation {
    private ChurnValidation() {
    }

    /**
     * P(a churned customer's risk > a kept customer's), ties counting one half (the Mann-Whitney statistic);
     * null when either group is empty.
     */
    static Double auc(double[] risk, boolean[] churned) {
        int n = risk.length;
        Integer[] order = sortedByRisk(risk);
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && risk[order[j + 1]] == risk[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1; // ranks from 1, ties share their mean rank
            for (int k = i; k <= j; k++) {
                if (churned[order[k]]) {
                    rankSum += midRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return null;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Customers in ten groups of (nearly) equal size by predicted risk, lowest first (fewer with under ten). */
    static List<Decile> calibration(double[] risk, boolean[] churned) {
        int n = risk.length;
        Integer[] order = sortedByRisk(risk);
        int groups = Math.min(10, n);
        List<Decile> out = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            int from = (int) ((long) g * n / groups);
            int to = (int) ((long) (g + 1) * n / groups);
            double predicted = 0;
            long observed = 0;
            for (int k = from; k < to; k++) {
                predicted += risk[order[k]];
                observed += churned[order[k]] ? 1 : 0;
            }
            int size = to - from;
            out.add(new Decile(g + 1, size, round4(predicted / size), round4(observed / (double) size)));
        }
        return out;
    }

    private static Integer[] sortedByRisk(double[] risk) {
        Integer[] order = new Integer[risk.length];
        Arrays.setAll(order, k -> k);
        Arrays.sort(order, Comparator.comparingDouble(k -> risk[k]));
        return order;
    }

    static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
