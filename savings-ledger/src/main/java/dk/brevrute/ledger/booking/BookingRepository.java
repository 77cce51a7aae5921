package dk.brevrute.ledger.booking;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.events.Channel;
import io.quarkus.hibernate.orm.panache.PanacheRepository;

@ApplicationScoped
class BookingRepository implements PanacheRepository<Booking> {

    boolean isBooked(UUID letterId, Channel channel) {
        return count("letterId = ?1 and channel = ?2", letterId, channel) > 0;
    }

    List<Booking> forLetter(UUID letterId) {
        return list("letterId", letterId);
    }

    /** Letters and amounts per department and channel. */
    List<BookingTotals> totals() {
        return getEntityManager().createQuery("""
                select new dk.brevrute.ledger.booking.BookingTotals(b.department, b.channel, count(b),
                       coalesce(sum(b.postage), 0), coalesce(sum(b.materialCost), 0), coalesce(sum(b.digitalFee), 0))
                from Booking b group by b.department, b.channel order by b.department, b.channel""", BookingTotals.class)
                .getResultList();
    }
}
