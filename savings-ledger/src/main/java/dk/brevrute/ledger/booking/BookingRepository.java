package dk.brevrute.ledger.booking;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.events.Channel;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import org.hibernate.query.NativeQuery;

@ApplicationScoped
class BookingRepository implements PanacheRepository<Booking> {

    Optional<Booking> find(UUID letterId, Channel channel) {
        return find("letterId = ?1 and channel = ?2", letterId, channel).firstResultOptional();
    }

    List<Booking> forLetter(UUID letterId) {
        return list("letterId = ?1 order by id", letterId);
    }

    /** The bookings of these letters, in id order, in one statement. */
    @SuppressWarnings("unchecked")
    List<Booking> forLetters(Collection<UUID> letterIds) {
        // Native SQL with one array parameter: Hibernate translates an HQL query with an in-list again on every call.
        return getEntityManager().createNativeQuery("SELECT * FROM booking WHERE letter_id = ANY(?1) ORDER BY id")
                .unwrap(NativeQuery.class).addEntity("booking", Booking.class)
                .setParameter(1, letterIds.toArray(UUID[]::new)).getResultList();
    }

    /** Digital bookings delivered in [from, to) after booking id {@code afterId}, in id order. */
    List<Booking> digitalBetween(Instant from, Instant to, long afterId, int limit) {
        String query = "channel = ?1 and deliveredAt >= ?2 and id > ?3" + (to == null ? "" : " and deliveredAt < ?4") + " order by id";
        var q = to == null ? find(query, Channel.DIGITAL, from, afterId) : find(query, Channel.DIGITAL, from, afterId, to);
        return q.page(0, limit).list();
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
