package io.fideliza.recommend;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fideliza.manifest.ManifestJson;
import io.fideliza.ranking.RankingMetrics;
import java.time.LocalDate;

/**
 * How one recommender candidate did on the temporal validation split: the split (cut-off, weeks, top k, customers
 * who bought a product new to them after it) and, when it could be tested, nDCG, precision, recall, hit rate and
 * coverage at k, and the share of customers given the same first picks. Saved per candidate in the generation's
 * info; the published candidate's figures go to the manifest and the report.
 *
 * @param customers        validation customers; 0: nobody bought a product new to them, the candidate is untested
 * @param searchIterations ALS iterations of the search (null when untested)
 * @param ndcg             nDCG@k, and the other scores: null when untested (customers 0)
 * @param refused          it gives most customers the same picks (null when untested)
 * @param note             why it is untested (null when tested)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecommenderValidation(LocalDate cutoff, Integer weeks, Integer k, long customers,
                                    Integer searchIterations, RecommenderParams params, Double ndcg, Double precision,
                                    Double recall, Double hitRate, Double coverage, Double samePicksShare,
                                    Boolean refused, String note) {

    /** A candidate that could not be tested: nobody bought a product new to them after the cut-off. */
    public static RecommenderValidation untested(LocalDate cutoff, RecommenderParams params) {
        return new RecommenderValidation(cutoff, null, null, 0, null, params, null, null, null, null, null, null, null,
                "no customer bought a new product in the validation weeks: configured parameters");
    }

    /** A searched candidate measured on the split. */
    static RecommenderValidation measured(LocalDate cutoff, int weeks, int k, long customers, int searchIterations,
                                          RecommenderTraining.Candidate c) {
        RankingMetrics.Scores s = c.scores();
        return new RecommenderValidation(cutoff, weeks, k, customers, searchIterations, c.params(), s.ndcg(),
                s.precision(), s.recall(), s.hitRate(), s.coverage(), c.samePicksShare(), c.refused(), null);
    }

    /** Whether the candidate was tested at all. */
    public boolean tested() {
        return customers > 0;
    }

    /** The search's view of it, for its choice rule ({@link RecommenderTraining#choose}). */
    RecommenderTraining.Candidate asCandidate() {
        RankingMetrics.Scores s = new RankingMetrics.Scores((int) customers, orZero(precision), orZero(recall),
                orZero(ndcg), 0, orZero(hitRate), orZero(coverage));
        return new RecommenderTraining.Candidate(params, s, orZero(samePicksShare), Boolean.TRUE.equals(refused), 0,
                false);
    }

    private static double orZero(Double d) {
        return d == null ? 0 : d;
    }

    /** The manifest's {@code recommend.model.validation}: the split and the published candidate's scores. */
    ObjectNode asManifest() {
        ObjectNode v = ManifestJson.object();
        v.put("cutoff", cutoff.toString());
        if (!tested()) {
            v.put("customers", 0);
            v.put("note", note);
            return v;
        }
        v.put("weeks", weeks);
        v.put("k", k);
        v.put("customers", customers);
        v.put("search_iterations", searchIterations);
        v.put("ndcg", ndcg);
        v.put("precision", precision);
        v.put("recall", recall);
        v.put("hit_rate", hitRate);
        return v;
    }
}
