package dk.brevrute.ledger.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A ledger entry as the API shows it. */
public record EntryView(
        long id,
        EntryKind kind,
        String department,
        String costCentre,
        String period,
        LocalDate eventDate,
        int digitalLetters,
        int printLetters,
        int returnedLetters,
        BigDecimal saving,
        BigDecimal printCost,
        BigDecimal digitalFee,
        String tariffId,
        boolean priced,
        String note,
        Instant createdAt) {
}
