package dk.brevrute.print.tariff;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.brevrute.events.TariffVersionPublished;
import dk.brevrute.kit.messaging.EventProcessor;
import dk.brevrute.kit.messaging.PoisonRecordException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps every tariff version the savings ledger publishes. The topic is compacted by tariff id, so
 * a version published again (a correction) replaces the stored one if it is newer.
 */
@ApplicationScoped
class TariffConsumer {

    private static final Logger LOG = Logger.getLogger(TariffConsumer.class);
    static final String CONSUMER = "print-center-service.tariffs-published";

    private final EventProcessor processor;
    private final TariffRepository tariffs;
    private final ObjectMapper mapper;

    TariffConsumer(EventProcessor processor, TariffRepository tariffs, ObjectMapper mapper) {
        this.processor = processor;
        this.tariffs = tariffs;
        this.mapper = mapper;
    }

    @Incoming("tariffs-published")
    @Blocking
    void onPublished(String json) {
        processor.process(CONSUMER, json, TariffVersionPublished.class, this::store);
    }

    void store(TariffVersionPublished t) {
        validate(t);
        TariffVersion v = tariffs.findById(t.tariffId());
        if (v != null && v.publishedAt.isAfter(t.occurredAt())) {
            return;
        }
        if (v == null) {
            v = new TariffVersion();
            v.tariffId = t.tariffId();
        }
        v.effectiveFrom = t.effectiveFrom();
        v.publishedAt = t.occurredAt();
        try {
            v.payload = mapper.writeValueAsString(t);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        tariffs.persist(v);
        LOG.infof("tariff %s in force from %s stored", t.tariffId(), t.effectiveFrom());
    }

    private static void validate(TariffVersionPublished t) {
        String id = "tariff " + t.eventId();
        if (t.tariffId() == null || t.tariffId().isBlank() || t.effectiveFrom() == null) {
            throw new PoisonRecordException(id + " without tariffId or effectiveFrom");
        }
        if (t.postage() == null || t.postage().isEmpty() || t.envelopes() == null || t.envelopes().isEmpty()) {
            throw new PoisonRecordException(id + " without postage rates or envelopes");
        }
        if (t.paperPerSheet() == null || t.printPerSheet() == null || t.handlingPerLetter() == null || t.sheetWeightGrams() <= 0) {
            throw new PoisonRecordException(id + " without paper, print, handling or sheet weight");
        }
        boolean incomplete = t.postage().stream().anyMatch(r -> r.postageClass() == null || r.zone() == null || r.price() == null)
                || t.envelopes().stream().anyMatch(e -> e.size() == null || e.price() == null);
        if (incomplete) {
            throw new PoisonRecordException(id + " with an incomplete rate");
        }
    }
}
