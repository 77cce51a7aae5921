package dk.brevrute.simulator.sf1601;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dk.brevrute.simulator.memo.MemoValidator;
import dk.brevrute.simulator.memo.MemoValidator.InvalidMemoException;
import dk.brevrute.simulator.memo.MemoValidator.ValidMemo;
import dk.brevrute.simulator.receipt.ReceiptPusher;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/**
 * SF1601 KombiPostAfsend: takes a {@code kombi_request} with a MeMo message and places it in the
 * recipient's mailbox. Every request is first counted, then the injected faults apply (outage and
 * error rate 503, throttling 429), then latency; an invalid MeMo is answered 400 with the reason; a
 * transaction id seen before gets its first answer again without placing anything.
 */
@Path("/service/KombiPostAfsend_1/memos")
public class KombiPostAfsendResource {

    private static final Logger LOG = Logger.getLogger(KombiPostAfsendResource.class);

    private final MemoValidator validator = new MemoValidator();
    private final Mailbox mailbox;
    private final Registry registry;
    private final Faults faults;
    private final Sf1601Auth auth;
    private final ReceiptPusher receipts;

    KombiPostAfsendResource(Mailbox mailbox, Registry registry, Faults faults, Sf1601Auth auth, ReceiptPusher receipts) {
        this.mailbox = mailbox;
        this.registry = registry;
        this.faults = faults;
        this.auth = auth;
        this.receipts = receipts;
    }

    @POST
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "KombiPostAfsend: send a MeMo message (kombi_request) to Digital Post")
    public Response send(byte[] body, @HeaderParam("X-TransaktionsId") String transactionHeader,
            @HeaderParam("X-TransaktionsTid") String timeHeader, @HeaderParam("Authorization") String authorization) {
        ValidMemo memo = null;
        String invalid = null;
        try {
            memo = validator.validateKombiRequest(body);
        } catch (InvalidMemoException e) {
            invalid = e.reason();
        }
        mailbox.attempt(memo != null ? memo.messageUuid() : namedLetter(body));

        Faults.Fault fault = faults.decide(true);
        switch (fault) {
            case OUTAGE, ERROR -> {
                mailbox.fault(fault);
                return answer(503, Mailbox.error("SERVICE_UNAVAILABLE", "Serviceplatformen is temporarily unavailable"));
            }
            case THROTTLE -> {
                mailbox.fault(fault);
                return Response.status(429).type(MediaType.APPLICATION_JSON)
                        .header("Retry-After", String.valueOf(faults.settings().retryAfterSeconds()))
                        .entity(Mailbox.error("TOO_MANY_REQUESTS", "too many requests, retry later")).build();
            }
            default -> {
            }
        }
        faults.latency();

        if (!auth.allows(authorization, true)) {
            return answer(401, Mailbox.error("UNAUTHORIZED", "a valid access token is required"));
        }
        UUID transactionId = uuid(transactionHeader);
        if (transactionId == null) {
            return answer(400, Mailbox.error("INVALID_TRANSACTION_ID", "X-TransaktionsId must be a UUID"));
        }
        if (!validTime(timeHeader)) {
            return answer(400, Mailbox.error("INVALID_TRANSACTION_TIME", "X-TransaktionsTid must be an ISO-8601 date-time with offset"));
        }
        if (invalid != null) {
            mailbox.invalid();
            LOG.infof("transaction %s refused: invalid MeMo (%s)", transactionId, invalid);
            return answer(400, Mailbox.error("INVALID_MEMO", invalid));
        }
        if (!"Digital Post".equals(memo.choiceCode()) && !"Automatisk Valg".equals(memo.choiceCode())) {
            return answer(400, Mailbox.error("UNSUPPORTED_CHOICE", "the simulator delivers Digital Post only"));
        }

        if (fault == Faults.Fault.TIMEOUT) {
            mailbox.fault(fault);
            if (!faults.settings().timeoutProcesses()) {
                faults.hang();
                return answer(504, Mailbox.error("TIMEOUT", "no answer in time"));
            }
        }
        Mailbox.Outcome outcome = mailbox.submit(transactionId, memo, sha256(body), registry);
        if (outcome.placed()) {
            receipts.placed(transactionId, memo.messageUuid());
            LOG.debugf("message %s placed under transaction %s", memo.messageUuid(), transactionId);
        }
        if (fault == Faults.Fault.TIMEOUT) {
            faults.hang();
        }
        Response.ResponseBuilder r = Response.status(outcome.status()).type(MediaType.APPLICATION_JSON).entity(outcome.body());
        if (outcome.duplicate()) {
            r.header("X-Duplicate-Transaction", "true");
        }
        return r.build();
    }

    private static final Pattern MESSAGE_UUID = Pattern.compile(
            "<(?:[A-Za-z0-9_]+:)?messageUUID>\\s*([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\s*<");

    /** Best effort for an invalid body: the letter it names, so its raw attempts are counted too. */
    private static UUID namedLetter(byte[] body) {
        Matcher m = MESSAGE_UUID.matcher(new String(body, 0, Math.min(body.length, 8192),
                StandardCharsets.UTF_8));
        return m.find() ? UUID.fromString(m.group(1)) : null;
    }

    static Response answer(int status, Map<String, Object> body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    private static UUID uuid(String s) {
        if (s == null) {
            return null;
        }
        try {
            UUID u = UUID.fromString(s.strip());
            return u.toString().equalsIgnoreCase(s.strip()) ? u : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean validTime(String s) {
        if (s == null) {
            return false;
        }
        try {
            OffsetDateTime.parse(s.strip());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
