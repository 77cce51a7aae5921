package dk.brevrute.routing.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Optional;
import java.util.stream.Stream;

import dk.brevrute.events.Channel;
import dk.brevrute.events.Recipient;
import dk.brevrute.events.RegistrationStatus;
import dk.brevrute.events.RoutingReason;
import dk.brevrute.routing.decision.RoutingRules.RegistrationState;
import dk.brevrute.testinfra.Samples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoutingRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    static Stream<Arguments> rules() {
        Recipient citizen = Samples.citizen(Samples.CPR);
        return Stream.of(
                Arguments.of("registered citizen", citizen, false, state(RegistrationStatus.REGISTERED, null), Channel.DIGITAL, RoutingReason.REGISTERED),
                Arguments.of("unregistered citizen", citizen, false, state(RegistrationStatus.UNREGISTERED, null), Channel.PRINT, RoutingReason.NOT_REGISTERED),
                Arguments.of("citizen never seen", citizen, false, Optional.empty(), Channel.PRINT, RoutingReason.NOT_REGISTERED),
                Arguments.of("exempt without end", citizen, false, state(RegistrationStatus.EXEMPT, null), Channel.PRINT, RoutingReason.EXEMPT),
                Arguments.of("exempt until today", citizen, false, state(RegistrationStatus.EXEMPT, TODAY), Channel.PRINT, RoutingReason.EXEMPT),
                Arguments.of("exemption ran out yesterday", citizen, false, state(RegistrationStatus.EXEMPT, TODAY.minusDays(1)), Channel.DIGITAL, RoutingReason.REGISTERED),
                Arguments.of("registered but forced paper", citizen, true, state(RegistrationStatus.REGISTERED, null), Channel.PRINT, RoutingReason.FORCED_PAPER),
                Arguments.of("company", Samples.company(Samples.CVR), false, Optional.empty(), Channel.DIGITAL, RoutingReason.COMPANY),
                Arguments.of("company, forced paper", Samples.company(Samples.CVR), true, Optional.empty(), Channel.PRINT, RoutingReason.FORCED_PAPER),
                Arguments.of("address only", Samples.addressOnly(), false, Optional.empty(), Channel.PRINT, RoutingReason.ADDRESS_ONLY_RECIPIENT));
    }

    static Optional<RegistrationState> state(RegistrationStatus status, LocalDate exemptUntil) {
        return Optional.of(new RegistrationState(status, exemptUntil));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void decides(String name, Recipient recipient, boolean forcePaper, Optional<RegistrationState> registration,
            Channel channel, RoutingReason reason) {
        RoutingRules.Decision decision = RoutingRules.decide(Samples.submitted(recipient, forcePaper), registration, TODAY);
        assertEquals(channel, decision.channel());
        assertEquals(reason, decision.reason());
    }
}
