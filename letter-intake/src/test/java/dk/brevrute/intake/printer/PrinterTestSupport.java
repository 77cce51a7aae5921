package dk.brevrute.intake.printer;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dk.brevrute.testinfra.BrevruteInfrastructure;
import dk.brevrute.testinfra.Tokens;
import io.restassured.http.ContentType;

/**
 * For printer tests: units created through the unit admin's API, tokens, and a small IPP client
 * built on the production codec over the JDK's HTTP client (the acceptance tests use CUPS's
 * ipptool instead).
 */
public final class PrinterTestSupport {

    private static final AtomicInteger REQUEST_IDS = new AtomicInteger(1);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrinterTestSupport() {
    }

    /** A unit of a department, with its printer password. */
    public record TestUnit(String id, String department, String password) {
    }

    public static String admin(String department) {
        return BrevruteInfrastructure.tokens().issue(department.toLowerCase() + "-admin", department, List.of("unit-admin"));
    }

    public static String caseworker(String department, String unit) {
        return BrevruteInfrastructure.tokens().sign(Map.of("sub", "caseworker-" + unit, "department", department, "unit", unit,
                "groups", List.of("caseworker")), Duration.ofHours(1), Tokens.ISSUER);
    }

    public static TestUnit unit(String department, String prefix) {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = given().auth().oauth2(admin(department)).contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", "Borgerservice " + id)).post("/api/v1/units")
                .then().statusCode(201).extract().path("password");
        return new TestUnit(id, department, password);
    }

    /** An IPP request under construction. */
    public static final class Request {
        private final int operation;
        private final List<IppAttribute> operationAttributes = new ArrayList<>();
        private final List<IppAttribute> jobAttributes = new ArrayList<>();
        private byte[] data;
        private int requestId = REQUEST_IDS.getAndIncrement();

        Request(int operation, String printerUri) {
            this.operation = operation;
            operationAttributes.add(IppAttribute.of("attributes-charset", Ipp.CHARSET, "utf-8"));
            operationAttributes.add(IppAttribute.of("attributes-natural-language", Ipp.NATURAL_LANGUAGE, "en"));
            if (printerUri != null) {
                operationAttributes.add(IppAttribute.of("printer-uri", Ipp.URI, printerUri));
            }
        }

        Request op(String name, int tag, Object... values) {
            operationAttributes.add(IppAttribute.of(name, tag, values));
            return this;
        }

        Request job(String name, int tag, Object... values) {
            jobAttributes.add(IppAttribute.of(name, tag, values));
            return this;
        }

        Request data(byte[] bytes) {
            this.data = bytes;
            return this;
        }

        Request requestId(int id) {
            this.requestId = id;
            return this;
        }

        byte[] encode() {
            IppMessage.Builder b = new IppMessage.Builder(2, 0, operation, requestId).group(Ipp.OPERATION_ATTRIBUTES, operationAttributes);
            if (!jobAttributes.isEmpty()) {
                b.group(Ipp.JOB_ATTRIBUTES, jobAttributes);
            }
            return IppCodec.encode(b.data(data).build());
        }
    }

    /** An HTTP answer and, when it has an IPP body, the message. */
    public record Answer(int httpStatus, HttpResponse<byte[]> response, IppMessage message) {

        int status() {
            return message.code();
        }

        IppAttribute job(String name) {
            IppMessage.Group g = message.group(Ipp.JOB_ATTRIBUTES);
            return g == null ? null : g.get(name);
        }

        IppAttribute printer(String name) {
            IppMessage.Group g = message.group(Ipp.PRINTER_ATTRIBUTES);
            return g == null ? null : g.get(name);
        }
    }

    public static String queueUri(URI base, String unit) {
        return "ipp://" + base.getHost() + ":" + base.getPort() + "/ipp/print/" + unit;
    }

    static Answer send(URI base, String unit, String user, String password, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/ipp/print/" + unit)).header("Content-Type", "application/ipp")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes()));
        }
        try {
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            IppMessage m = r.body().length > 0 ? IppCodec.decode(r.body()) : null;
            return new Answer(r.statusCode(), r, m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IppCodec.IppFormatException e) {
            throw new AssertionError("the printer answered with a malformed IPP message: " + e.getMessage());
        }
    }

    /** What a print job became, as the printer reports it (for tests outside this package). */
    public record JobResult(int httpStatus, int ippStatus, Integer jobId, Integer jobState, String stateReasons, String stateMessage,
            String letterId) {
    }

    /** Prints a PDF to the unit's queue with Print-Job. */
    public static JobResult print(URI base, TestUnit unit, byte[] pdf, String jobName) {
        Request r = new Request(Ipp.PRINT_JOB, queueUri(base, unit.id())).op("requesting-user-name", Ipp.NAME, "caseworker")
                .op("job-name", Ipp.NAME, jobName).op("document-format", Ipp.MIME_MEDIA_TYPE, "application/pdf").data(pdf);
        return result(send(base, unit, r));
    }

    /** The job's attributes from Get-Job-Attributes. */
    public static JobResult job(URI base, TestUnit unit, int jobId) {
        Request r = new Request(Ipp.GET_JOB_ATTRIBUTES, queueUri(base, unit.id())).op("job-id", Ipp.INTEGER, jobId);
        return result(send(base, unit, r));
    }

    static JobResult result(Answer a) {
        IppAttribute id = a.job("job-id");
        IppAttribute state = a.job("job-state");
        IppAttribute reasons = a.job("job-state-reasons");
        IppAttribute message = a.job("job-state-message");
        IppAttribute letter = a.job("brevrute-letter-id");
        return new JobResult(a.httpStatus(), a.status(), id == null ? null : id.integer(), state == null ? null : state.integer(),
                reasons == null ? null : String.join(",", reasons.strings()), message == null ? null : message.string(),
                letter == null ? null : letter.string());
    }

    static Answer send(URI base, TestUnit unit, Request request) {
        return send(base, unit.id(), unit.id(), unit.password(), request.encode());
    }
}
