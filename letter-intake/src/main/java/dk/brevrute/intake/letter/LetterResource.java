package dk.brevrute.intake.letter;

import java.util.UUID;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.brevrute.events.Recipient;
import dk.brevrute.intake.validation.CprNumber;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/letters")
@Produces(MediaType.APPLICATION_JSON)
class LetterResource {

    private final LetterRepository letters;
    private final TimelineRepository timeline;
    private final ObjectMapper mapper;

    LetterResource(LetterRepository letters, TimelineRepository timeline, ObjectMapper mapper) {
        this.letters = letters;
        this.timeline = timeline;
        this.mapper = mapper;
    }

    @GET
    @Path("/{id}")
    @Transactional
    @Operation(summary = "A letter's current status and its timeline")
    public LetterView get(@PathParam("id") UUID id) {
        Letter l = letters.findByIdOptional(id).orElseThrow(() -> new NotFoundException("no letter " + id));
        return new LetterView(l.id, l.department, l.senderReference, l.status, l.recipientType.name(),
                maskedRecipient(l.recipient), l.subject, l.postageClass.name(), l.createdAt,
                timeline.forLetter(id).stream()
                        .map(e -> new LetterView.Entry(e.occurredAt, e.kind, e.channel, e.reason, e.detail))
                        .toList());
    }

    private String maskedRecipient(String json) {
        try {
            Recipient r = mapper.readValue(json, Recipient.class);
            if (r.cpr() != null) {
                return CprNumber.parse(r.cpr()).map(CprNumber::masked).orElse("****");
            }
            if (r.cvr() != null) {
                return "CVR " + r.cvr();
            }
            return r.address() == null ? null : r.address().name();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored recipient of a letter is not readable");
        }
    }
}
