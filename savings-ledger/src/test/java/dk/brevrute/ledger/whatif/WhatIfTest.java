package dk.brevrute.ledger.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dk.brevrute.events.PostageClass;
import dk.brevrute.events.TariffVersionPublished.EnvelopeRate;
import dk.brevrute.events.TariffVersionPublished.PostageRate;
import dk.brevrute.ledger.plan.Plan;
import dk.brevrute.ledger.plan.Table1;
import dk.brevrute.ledger.tariff.Tariff;
import org.junit.jupiter.api.Test;

class WhatIfTest {

    @Test
    void planRecomputedForAShareAndATariff() {
        Tariff tariff = new Tariff("T", LocalDate.of(2009, 1, 1), "t", false,
                List.of(new PostageRate(PostageClass.B, "DK", 100, new BigDecimal("4.50"))),
                List.of(new EnvelopeRate("C5", new BigDecimal("0.30"), 5, 6)),
                new BigDecimal("0.05"), new BigDecimal("0.25"), new BigDecimal("0.50"), new BigDecimal("0.60"), 5, "f", null);
        Plan plan = new Plan(Table1.load(), Map.of(), Map.of(), Map.of());
        WhatIf.Answer a = WhatIf.compute(plan, tariff, new WhatIf.Question(new BigDecimal("40"), 3_000_000, 2, PostageClass.B, "DK",
                2011, 2013));
        // Paper: 4.50 + 0.30 + 2 x 0.30 + 0.50 = 5.90; saving 5.90 - 0.60 = 5.30 a letter; 1,200,000 letters: 6,360 t.kr.
        assertEquals(0, new BigDecimal("5.30").compareTo(a.savingPerLetterDkk()));
        assertEquals(1_200_000, a.digitalLettersPerYear());
        WhatIf.Year y2011 = a.years().get(0);
        assertEquals(0, new BigDecimal("6360").compareTo(y2011.grossSaving()));
        assertEquals(0, new BigDecimal("2383").compareTo(y2011.departmentsContribution()));
        assertEquals(0, new BigDecimal("3977").compareTo(y2011.netGain())); // 6360 - 2383
        assertEquals(0, new BigDecimal("1988.5").compareTo(y2011.toDepartments()));
        assertEquals(0, new BigDecimal("1988.5").compareTo(y2011.toPriorityPool()));
        assertEquals(0, new BigDecimal("6041").compareTo(y2011.plannedGrossSaving()));
        WhatIf.Year y2013 = a.years().get(2);
        assertEquals(0, new BigDecimal("4796").compareTo(y2013.netGain())); // 6360 - 1564
    }
}
