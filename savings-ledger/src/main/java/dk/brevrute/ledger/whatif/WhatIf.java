package dk.brevrute.ledger.whatif;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import dk.brevrute.events.PostageClass;
import dk.brevrute.ledger.plan.Plan;
import dk.brevrute.ledger.tariff.Tariff;

/**
 * The plan recomputed for a digital share and a tariff version: a year's gross saving is the letters
 * that go digital times what one such letter saves under the tariff; the departments' contribution
 * is the plan's, and the net gain above it is split 50/50. Thousands of DKK, like Table 1.
 */
public final class WhatIf {

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public record Question(BigDecimal digitalSharePct, long lettersPerYear, int sheets, PostageClass postageClass, String zone,
            int fromYear, int toYear) {
    }

    public record Year(int year, String planBasis, String priceLevel, BigDecimal plannedGrossSaving, BigDecimal plannedNetGain,
            BigDecimal departmentsContribution, BigDecimal grossSaving, BigDecimal netGain, BigDecimal toDepartments,
            BigDecimal toPriorityPool) {
    }

    public record Answer(String tariffId, boolean exampleTariff, BigDecimal digitalSharePct, long lettersPerYear, int sheets,
            PostageClass postageClass, String zone, BigDecimal paperCostPerLetterDkk, BigDecimal digitalFeeDkk,
            BigDecimal savingPerLetterDkk, long digitalLettersPerYear, List<Year> years) {
    }

    private WhatIf() {
    }

    public static Answer compute(Plan plan, Tariff tariff, Question q) {
        Tariff.PaperCost paper = tariff.paperCost(q.sheets(), q.postageClass(), q.zone());
        BigDecimal fee = Tariff.money(tariff.digitalPostFee());
        BigDecimal perLetter = paper.total().subtract(fee);
        long digital = BigDecimal.valueOf(q.lettersPerYear()).multiply(q.digitalSharePct())
                .divide(HUNDRED, 0, RoundingMode.HALF_UP).longValueExact();
        BigDecimal gross = perLetter.multiply(BigDecimal.valueOf(digital)).divide(THOUSAND, 3, RoundingMode.HALF_UP);
        List<Year> years = new ArrayList<>();
        for (int y = q.fromYear(); y <= q.toYear(); y++) {
            Plan.PlanYear p = plan.shown(y);
            BigDecimal contribution = tkr(p.departmentsContribution());
            BigDecimal net = gross.subtract(contribution);
            BigDecimal distributable = net.signum() > 0 ? net : BigDecimal.ZERO;
            BigDecimal half = distributable.divide(BigDecimal.valueOf(2), 3, RoundingMode.HALF_UP);
            years.add(new Year(y, p.basis(), plan.priceLevel(y), tkr(p.grossSaving()), tkr(p.gainTotal()), contribution, gross, net,
                    half, distributable.subtract(half)));
        }
        return new Answer(tariff.tariffId(), tariff.example(), q.digitalSharePct(), q.lettersPerYear(), Math.max(1, q.sheets()),
                q.postageClass(), q.zone(), paper.total(), fee, perLetter, digital, years);
    }

    private static BigDecimal tkr(BigDecimal amount) {
        return amount.setScale(3, RoundingMode.HALF_UP);
    }
}
