package dk.brevrute.ledger.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What the entries of one department (and cost centre, when asked for) add up to in one month. */
public record PeriodTotals(
        String department,
        String costCentre,
        LocalDate period,
        long digitalLetters,
        long printLetters,
        long returnedLetters,
        BigDecimal saving,
        BigDecimal printCost,
        BigDecimal digitalFee) {

    /** Totals of a department, all cost centres together. */
    public PeriodTotals(String department, LocalDate period, long digitalLetters, long printLetters, long returnedLetters,
            BigDecimal saving, BigDecimal printCost, BigDecimal digitalFee) {
        this(department, null, period, digitalLetters, printLetters, returnedLetters, saving, printCost, digitalFee);
    }
}
