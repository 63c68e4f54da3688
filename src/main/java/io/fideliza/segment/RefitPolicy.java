package io.fideliza.segment;

import io.fideliza.config.JobConfig.SegmentSettings;
import io.fideliza.config.SegmentAlgorithm;
import io.fideliza.model.TrainReason;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a night refits the segment model in place ({@link SegmentLearner#due}): on request, when the model's features
 * or the configuration no longer describe it, on the cadence ({@code segment.refit_days}), or when drift passes a
 * threshold; each with the reason in words for the model and the manifest (never parsed: {@link Refit#reason} is the
 * type). A night dated before the model's training (a backfill) is the framework's: it applies the oldest model.
 */
final class RefitPolicy {
    static final String REQUESTED = "requested (--refit or segment.refit)";
    static final String OUTDATED = "the model's behaviour features are not this version's";
    static final String NO_MODEL = "no model yet";

    private RefitPolicy() {
    }

    /** A refit: why, as a type and in words. */
    record Refit(TrainReason reason, String why) {
    }

    /**
     * Whether the night refits {@code model}, measured as {@code drift} tonight, given what the cadence says ({@code
     * cadence}: requested, every night, the model {@code refit_days} old, or empty).
     */
    static Optional<Refit> reason(SegmentSettings settings, LocalDate runDate, SegmentModelInfo model,
                                  SegmentDrift drift, Optional<TrainReason> cadence) {
        if (cadence.equals(Optional.of(TrainReason.REQUESTED))) {
            return Optional.of(new Refit(TrainReason.REQUESTED, REQUESTED));
        }
        Optional<String> config = configChange(settings, model);
        if (config.isPresent()) {
            return Optional.of(new Refit(TrainReason.CONFIGURATION, config.get()));
        }
        if (cadence.isPresent()) {
            long age = ChronoUnit.DAYS.between(LocalDate.parse(model.trainedOn()), runDate);
            return Optional.of(new Refit(cadence.get(), String.format(Locale.ROOT,
                    "scheduled: the model is %d days old (segment.refit_days %d)", age, settings.model().refitDays())));
        }
        if (!drift.triggers().isEmpty()) {
            return Optional.of(new Refit(TrainReason.DRIFT, "drift: " + String.join("; ", drift.triggers())));
        }
        return Optional.empty();
    }

    /** Why a night with no usable model in place trains one. */
    static Refit withoutModel(TrainReason reason) {
        return new Refit(reason, reason == TrainReason.REQUESTED ? REQUESTED : NO_MODEL);
    }

    /** When the next refit falls due on the cadence alone. */
    static LocalDate nextScheduled(SegmentSettings settings, SegmentModelInfo model) {
        return LocalDate.parse(model.trainedOn()).plusDays(settings.model().refitDays());
    }

    /** The configuration asks for a model this one is not: another algorithm, or a fixed k it does not have. */
    static Optional<String> configChange(SegmentSettings settings, SegmentModelInfo model) {
        if (!settings.algorithm().algorithms().stream().map(SegmentAlgorithm::code).toList()
                .contains(model.algorithm())) {
            return Optional.of("configuration: segment.algorithm is " + settings.algorithm().code() + ", the model is "
                    + model.algorithm());
        }
        if (settings.k() > 0 && settings.k() != model.k()) {
            return Optional.of("configuration: segment.k is " + settings.k() + ", the model has " + model.k());
        }
        if (settings.k() == 0 && (model.k() < settings.kMin() || model.k() > settings.kMax())) {
            return Optional.of("configuration: segment.k_min..k_max is " + settings.kMin() + ".." + settings.kMax()
                    + ", the model has " + model.k());
        }
        return Optional.empty();
    }
}
