package dk.brevrute.intake.request;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.events.Department;
import dk.brevrute.events.LetterRequested;
import dk.brevrute.intake.config.Departments;
import dk.brevrute.intake.letter.LetterIntakeService;
import dk.brevrute.intake.letter.LetterRepository;
import dk.brevrute.kit.messaging.EventProcessor;
import dk.brevrute.kit.messaging.EventReader;
import dk.brevrute.kit.messaging.PoisonRecordException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Letter requests from the departments' systems, one topic per department: the topic, whose ACL
 * admits only that department, says who sent the request. Every request ends as a letter or a
 * letter-rejected event; a record that is not even a request goes to the dead-letter topic.
 */
@ApplicationScoped
class LetterRequestConsumer {

    static final String CONSUMER = "letter-intake.letters-requested";
    static final String INTAKE_PATH = "kafka";

    private final EventReader reader;
    private final EventProcessor processor;
    private final Departments departments;
    private final LetterIntakeService intake;

    LetterRequestConsumer(EventReader reader, EventProcessor processor, Departments departments, LetterIntakeService intake) {
        this.reader = reader;
        this.processor = processor;
        this.departments = departments;
        this.intake = intake;
    }

    /**
     * A poll of requests at a time, in one transaction ({@code batch=true}; {@link EventProcessor#processPoll}).
     * Each request's department is its record's topic's. Which of the poll's sender references are
     * taken already is read in one statement before the first request is submitted.
     */
    @Incoming("letters-requested")
    @Blocking
    CompletionStage<Void> onRequested(KafkaRecordBatch<String, String> batch) {
        Map<LetterRequested, Department> senders = new IdentityHashMap<>();
        return processor.processPoll(CONSUMER, batch, record -> {
            Department department = departments.byRequestTopic(record.getTopic()).orElseThrow(
                    () -> new PoisonRecordException("topic " + record.getTopic() + " belongs to no configured department"));
            LetterRequested request = reader.read(record.getPayload(), LetterRequested.class);
            senders.put(request, department);
            return request;
        }, requests -> {
            intake.lookUpReferences(requests.stream().filter(r -> r.senderReference() != null)
                    .map(r -> new LetterRepository.Reference(senders.get(r).id(), r.senderReference())).toList());
            return request -> intake.submit(senders.get(request), request, INTAKE_PATH);
        });
    }
}
