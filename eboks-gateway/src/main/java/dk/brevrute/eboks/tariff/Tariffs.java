package dk.brevrute.eboks.tariff;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.kit.transaction.TransactionMemo;

/** The Digital Post fee in force on a delivery's date (Copenhagen time). */
@ApplicationScoped
public class Tariffs {

    public static final ZoneId COPENHAGEN = ZoneId.of("Europe/Copenhagen");

    /** A fee and the tariff version it comes from; {@code fee} is null when that version sets none. */
    public record Fee(String tariffId, BigDecimal fee) {
    }

    private final TariffRepository tariffs;
    private final TransactionMemo memo;

    Tariffs(TariffRepository tariffs, TransactionMemo memo) {
        this.tariffs = tariffs;
        this.memo = memo;
    }

    /**
     * Empty when no tariff version in force on that day is known yet. Read once per day and
     * transaction: the outcomes committed together (a group commit of many deliveries) share the
     * answer, as if they had been recorded a moment earlier.
     */
    public Optional<Fee> digitalPostFee(Instant deliveredAt) {
        LocalDate day = LocalDate.ofInstant(deliveredAt, COPENHAGEN);
        return memo.get(List.of(Tariffs.class, day), () -> inForceOn(day));
    }

    private Optional<Fee> inForceOn(LocalDate day) {
        return tariffs.inForceOn(day).map(t -> new Fee(t.tariffId, t.digitalPostFee));
    }
}
