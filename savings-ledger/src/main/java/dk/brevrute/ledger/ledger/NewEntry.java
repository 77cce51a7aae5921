package dk.brevrute.ledger.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** An entry to append; the ledger chooses the month it lands in. Amounts DKK, null = 0. */
public record NewEntry(
        EntryKind kind,
        Long bookingId,
        UUID letterId,
        String department,
        String costCentre,
        LocalDate eventDate,
        int digitalLetters,
        int printLetters,
        int returnedLetters,
        BigDecimal saving,
        BigDecimal printCost,
        BigDecimal digitalFee,
        String tariffId,
        boolean priced,
        String note) {
}
