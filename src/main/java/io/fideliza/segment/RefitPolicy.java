package io.fideliza.segment;

import io.fideliza.config.JobConfig.SegmentSettings;
import io.fideliza.config.SegmentAlgorithm;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a night refits the segment model it has, and why: on request, when the configuration no longer
 * describes the model, on the cadence ({@code segment.refit_days}), or when drift passes a threshold. A night
 * dated before the model's training (a backfill) never refits: it would publish a model older than the current.
 */
final class RefitPolicy {
    private RefitPolicy() {
    }

    static Optional<String> reason(SegmentSettings settings, LocalDate runDate, SegmentModelInfo model,
                                   SegmentDrift drift) {
        LocalDate trainedOn = LocalDate.parse(model.trainedOn());
        if (settings.model().refit()) {
            return Optional.of("requested (--refit or segment.refit)");
        }
        if (runDate.isBefore(trainedOn)) {
            return Optional.empty();
        }
        Optional<String> config = configChange(settings, model);
        if (config.isPresent()) {
            return config;
        }
        long age = ChronoUnit.DAYS.between(trainedOn, runDate);
        if (age >= settings.model().refitDays()) {
            return Optional.of(String.format(Locale.ROOT, "scheduled: the model is %d days old (segment.refit_days %d)",
                    age, settings.model().refitDays()));
        }
        if (!drift.triggers().isEmpty()) {
            return Optional.of("drift: " + String.join("; ", drift.triggers()));
        }
        return Optional.empty();
    }

    /** When the next refit falls due on the cadence alone. */
    static LocalDate nextScheduled(SegmentSettings settings, SegmentModelInfo model) {
        return LocalDate.parse(model.trainedOn()).plusDays(settings.model().refitDays());
    }

    /** The configuration asks for a model this one is not: another algorithm, or a fixed k it does not have. */
    static Optional<String> configChange(SegmentSettings settings, SegmentModelInfo model) {
        if (!SegmentAlgorithm.named(settings.algorithm()).stream().map(SegmentAlgorithm::code).toList()
                .contains(model.algorithm())) {
            return Optional.of("configuration: segment.algorithm is " + settings.algorithm() + ", the model is "
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
