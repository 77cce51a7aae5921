package dk.brevrute.intake.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.TransactionPhase;

import dk.brevrute.intake.validation.ViolationCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * Letters accepted and rejected, per intake path ({@code rest}, {@code kafka}, {@code printer},
 * {@code hotfolder}): {@code brevrute_letters_accepted_total{path}} and
 * {@code brevrute_letters_rejected_total{path,reason}}. A rejected request counts once, under its
 * first violation code. Labels are only these fixed values, never a CPR number, letter id or
 * reference. Counted when the transaction that decided commits, so a rolled-back attempt that is
 * retried is not counted twice.
 */
@ApplicationScoped
public class IntakeMetrics {

    public static final String REST = "rest";
    public static final String KAFKA = "kafka";
    public static final String PRINTER = "printer";
    public static final String HOTFOLDER = "hotfolder";
    static final List<String> PATHS = List.of(REST, KAFKA, PRINTER, HOTFOLDER);
    static final Set<String> REASONS = Arrays.stream(ViolationCode.values()).map(Enum::name).collect(Collectors.toSet());

    /** A count to make once the deciding transaction committed. */
    record Counted(String path, String reason) {
    }

    private final MeterRegistry registry;
    private final Event<Counted> counted;

    IntakeMetrics(MeterRegistry registry, Event<Counted> counted) {
        this.registry = registry;
        this.counted = counted;
    }

    /** Every path's accepted counter exists from the start, at zero. */
    void register(@Observes StartupEvent start) {
        PATHS.forEach(p -> acceptedCounter(p).increment(0));
    }

    public void accepted(String path) {
        counted.fire(new Counted(path(path), null));
    }

    public void rejected(String path, String code) {
        counted.fire(new Counted(path(path), REASONS.contains(code) ? code : "OTHER"));
    }

    /** Runs after the transaction commits (at once when there is none); a rolled-back attempt counts nothing. */
    void count(@Observes(during = TransactionPhase.AFTER_SUCCESS) Counted c) {
        if (c.reason() == null) {
            acceptedCounter(c.path()).increment();
        } else {
            Counter.builder("brevrute.letters.rejected").description("Letter requests rejected, by intake path and first reason")
                    .tag("path", c.path()).tag("reason", c.reason()).register(registry).increment();
        }
    }

    private Counter acceptedCounter(String path) {
        return Counter.builder("brevrute.letters.accepted").description("Letters accepted, by intake path").tag("path", path)
                .register(registry);
    }

    private static String path(String path) {
        return PATHS.contains(path) ? path : "other";
    }
}
