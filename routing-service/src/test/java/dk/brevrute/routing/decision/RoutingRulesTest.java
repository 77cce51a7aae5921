package dk.brevrute.routing.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.stream.Stream;

import dk.brevrute.events.Channel;
import dk.brevrute.events.Recipient;
import dk.brevrute.events.RegistrationStatus;
import dk.brevrute.events.RoutingReason;
import dk.brevrute.routing.decision.RoutingRules.Decision;
import dk.brevrute.routing.decision.RoutingRules.Lookup;
import dk.brevrute.routing.decision.RoutingRules.Policy;
import dk.brevrute.testinfra.Samples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoutingRulesTest {

    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    static final Policy PRINT_AFTER_4H = new Policy(true, Duration.ofHours(4));
    static final Policy WAIT = new Policy(false, Duration.ofHours(4));

    static Stream<Arguments> rules() {
        Recipient citizen = Samples.citizen(Samples.CPR);
        Recipient company = Samples.company(Samples.CVR);
        Lookup unavailableNow = new Lookup.Unavailable(NOW);
        Lookup unavailable5h = new Lookup.Unavailable(NOW.minus(Duration.ofHours(5)));
        return Stream.of(
                Arguments.of("registered citizen", citizen, false, known(RegistrationStatus.REGISTERED, null), PRINT_AFTER_4H, decision(Channel.DIGITAL, RoutingReason.REGISTERED)),
                Arguments.of("unregistered citizen", citizen, false, known(RegistrationStatus.UNREGISTERED, null), PRINT_AFTER_4H, decision(Channel.PRINT, RoutingReason.NOT_REGISTERED)),
                Arguments.of("exempt without end", citizen, false, known(RegistrationStatus.EXEMPT, null), PRINT_AFTER_4H, decision(Channel.PRINT, RoutingReason.EXEMPT)),
                Arguments.of("exempt until today", citizen, false, known(RegistrationStatus.EXEMPT, TODAY), PRINT_AFTER_4H, decision(Channel.PRINT, RoutingReason.EXEMPT)),
                Arguments.of("exemption ran out yesterday", citizen, false, known(RegistrationStatus.EXEMPT, TODAY.minusDays(1)), PRINT_AFTER_4H, decision(Channel.DIGITAL, RoutingReason.REGISTERED)),
                Arguments.of("registered but forced paper", citizen, true, known(RegistrationStatus.REGISTERED, null), PRINT_AFTER_4H, decision(Channel.PRINT, RoutingReason.FORCED_PAPER)),
                Arguments.of("forced paper needs no look-up", citizen, true, unavailableNow, WAIT, decision(Channel.PRINT, RoutingReason.FORCED_PAPER)),
                Arguments.of("company", company, false, null, PRINT_AFTER_4H, decision(Channel.DIGITAL, RoutingReason.COMPANY)),
                Arguments.of("company, forced paper", company, true, null, PRINT_AFTER_4H, decision(Channel.PRINT, RoutingReason.FORCED_PAPER)),
                Arguments.of("address only", Samples.addressOnly(), false, null, PRINT_AFTER_4H, decision(Channel.PRINT, RoutingReason.ADDRESS_ONLY_RECIPIENT)),
                Arguments.of("look-up down, just now: wait", citizen, false, unavailableNow, PRINT_AFTER_4H, Optional.empty()),
                Arguments.of("look-up down past the deadline: print", citizen, false, unavailable5h, PRINT_AFTER_4H, decision(Channel.PRINT, RoutingReason.LOOKUP_UNAVAILABLE)),
                Arguments.of("look-up down, policy wait: wait for ever", citizen, false, unavailable5h, WAIT, Optional.empty()));
    }

    static Lookup known(RegistrationStatus status, LocalDate exemptUntil) {
        return new Lookup.Known(status, exemptUntil);
    }

    static Optional<Decision> decision(Channel channel, RoutingReason reason) {
        return Optional.of(new Decision(channel, reason));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void decides(String name, Recipient recipient, boolean forcePaper, Lookup lookup, Policy policy, Optional<Decision> expected) {
        assertEquals(expected, RoutingRules.decide(Samples.submitted(recipient, forcePaper), lookup, NOW, policy));
    }
}
