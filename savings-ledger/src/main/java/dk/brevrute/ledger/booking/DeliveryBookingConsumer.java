package dk.brevrute.ledger.booking;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.events.LetterDelivered;
import dk.brevrute.kit.messaging.EventProcessor;
import io.smallrye.reactive.messaging.annotations.Blocking;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Books every delivered letter once per channel; a replay of the topic changes no total. */
@ApplicationScoped
class DeliveryBookingConsumer {

    private static final Logger LOG = Logger.getLogger(DeliveryBookingConsumer.class);
    static final String CONSUMER = "savings-ledger.letters-delivered";

    private final EventProcessor processor;
    private final BookingRepository bookings;

    DeliveryBookingConsumer(EventProcessor processor, BookingRepository bookings) {
        this.processor = processor;
        this.bookings = bookings;
    }

    @Incoming("letters-delivered")
    @Blocking
    void onDelivered(String json) {
        processor.process(CONSUMER, json, LetterDelivered.class, this::book);
    }

    void book(LetterDelivered delivered) {
        if (bookings.isBooked(delivered.letterId(), delivered.channel())) {
            LOG.debugf("letter %s already booked for %s", delivered.letterId(), delivered.channel());
            return;
        }
        Booking b = new Booking();
        b.letterId = delivered.letterId();
        b.channel = delivered.channel();
        b.department = delivered.department();
        b.costCentre = delivered.costCentre();
        b.deliveredAt = delivered.deliveredAt() != null ? delivered.deliveredAt() : delivered.occurredAt();
        b.sheets = delivered.sheets();
        b.postage = delivered.postage();
        b.materialCost = delivered.materialCost();
        b.digitalFee = delivered.digitalFee();
        b.tariffId = delivered.tariffId();
        b.eventId = delivered.eventId();
        bookings.persist(b);
        LOG.debugf("booked letter %s (%s)", delivered.letterId(), delivered.channel());
    }
}
