package dk.brevrute.eboks.tariff;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.events.TariffVersionPublished;
import dk.brevrute.kit.messaging.EventProcessor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps every tariff version savings-ledger publishes (compacted topic, keyed by tariff id): the
 * newest event per id wins, a tombstone removes the version.
 */
@ApplicationScoped
class TariffConsumer {

    private static final Logger LOG = Logger.getLogger(TariffConsumer.class);
    static final String CONSUMER = "eboks-gateway.tariffs-published";

    private final EventProcessor processor;
    private final TariffRepository tariffs;

    TariffConsumer(EventProcessor processor, TariffRepository tariffs) {
        this.processor = processor;
        this.tariffs = tariffs;
    }

    @Incoming("tariffs-published")
    @Blocking
    void onTariff(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            if (record.key() != null) {
                QuarkusTransaction.requiringNew().run(() -> tariffs.deleteById(record.key()));
                LOG.infof("tariff %s withdrawn (tombstone)", record.key());
            }
            return;
        }
        processor.process(CONSUMER, record.value(), TariffVersionPublished.class, this::accept);
    }

    void accept(TariffVersionPublished t) {
        TariffVersion v = tariffs.findById(t.tariffId());
        if (v != null && v.publishedAt.isAfter(t.occurredAt())) {
            return; // an older edition of this version
        }
        boolean isNew = v == null;
        if (isNew) {
            v = new TariffVersion();
            v.tariffId = t.tariffId();
        }
        v.effectiveFrom = t.effectiveFrom();
        v.digitalPostFee = t.digitalPostFee();
        v.label = t.label();
        v.publishedAt = t.occurredAt();
        if (isNew) {
            tariffs.persist(v);
        }
        LOG.infof("tariff %s in force from %s: Digital Post fee %s DKK", t.tariffId(), t.effectiveFrom(), t.digitalPostFee());
    }
}
