package dk.brevrute.eboks.tariff;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** The Digital Post fee in force on a delivery's date (Copenhagen time). */
@ApplicationScoped
public class Tariffs {

    public static final ZoneId COPENHAGEN = ZoneId.of("Europe/Copenhagen");

    /** A fee and the tariff version it comes from; {@code fee} is null when that version sets none. */
    public record Fee(String tariffId, BigDecimal fee) {
    }

    private final TariffRepository tariffs;

    Tariffs(TariffRepository tariffs) {
        this.tariffs = tariffs;
    }

    /** Empty when no tariff version in force on that day is known yet. */
    public Optional<Fee> digitalPostFee(Instant deliveredAt) {
        LocalDate day = LocalDate.ofInstant(deliveredAt, COPENHAGEN);
        return tariffs.inForceOn(day).map(t -> new Fee(t.tariffId, t.digitalPostFee));
    }
}
