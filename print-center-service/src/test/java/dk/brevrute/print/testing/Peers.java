package dk.brevrute.print.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.brevrute.events.DocumentBatch;
import dk.brevrute.events.LetterSubmitted;

/** Stubs for the print centre's peers on the shared WireMock server (see {@link PeersResource}). */
public final class Peers {

    public static final String SERVICE_TOKEN = "Bearer test-service-token";

    private Peers() {
    }

    public static WireMock client() {
        return new WireMock("127.0.0.1", Integer.parseInt(System.getProperty(PeersResource.PORT_PROPERTY)));
    }

    /** letter-intake serves the document (for the service token only) with its hash header. */
    public static void document(String documentId, String department, byte[] pdf) {
        client().register(get(urlPathEqualTo("/internal/v1/documents/" + documentId))
                .withQueryParam("department", equalTo(department))
                .withHeader("Authorization", equalTo(SERVICE_TOKEN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/pdf")
                        .withHeader("X-Content-SHA256", sha256(pdf)).withBody(pdf)));
    }

    /**
     * letter-intake's batch fetch, for a call that asks for any of these letters' documents: each with
     * the bytes given ({@code null}: not found).
     */
    public static void documents(Map<LetterSubmitted, byte[]> letters) {
        List<DocumentBatch.Item> items = new ArrayList<>();
        letters.forEach((l, pdf) -> items.add(new DocumentBatch.Item(UUID.fromString(l.document().documentId()), l.department(),
                pdf == null ? DocumentBatch.Status.NOT_FOUND : DocumentBatch.Status.OK, pdf == null ? null : sha256(pdf),
                pdf == null ? null : "brev.pdf", pdf)));
        try {
            client().register(post(urlPathEqualTo(DocumentBatch.PATH)).withHeader("Authorization", equalTo(SERVICE_TOKEN))
                    .withRequestBody(containing(letters.keySet().iterator().next().document().documentId()))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withBody(new ObjectMapper().writeValueAsString(new DocumentBatch.Answer(items)))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The batch fetches that asked for this letter's document. */
    public static List<LoggedRequest> batchFetches(LetterSubmitted l) {
        return client().find(postRequestedFor(urlPathEqualTo(DocumentBatch.PATH)).withRequestBody(containing(l.document().documentId())));
    }

    /** The single fetches of this letter's document. */
    public static List<LoggedRequest> documentFetches(LetterSubmitted l) {
        return client().find(getRequestedFor(urlPathEqualTo("/internal/v1/documents/" + l.document().documentId())));
    }

    public static void person(String cpr, String json) {
        client().register(post(urlEqualTo("/service/CPRReplikaOpslag_1/person"))
                .withRequestBody(equalToJson("{\"cprNumber\":\"" + cpr + "\"}"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(json)));
    }

    public static void unknownPerson(String cpr) {
        client().register(post(urlEqualTo("/service/CPRReplikaOpslag_1/person"))
                .withRequestBody(equalToJson("{\"cprNumber\":\"" + cpr + "\"}"))
                .willReturn(aResponse().withStatus(404)));
    }

    /** Routing answers DIGITAL for {@code letterId} whenever a re-check asks about it. */
    public static StubMapping nowDigital(UUID letterId) {
        return client().register(post(urlEqualTo("/internal/v1/routing/recheck")).atPriority(1)
                .withHeader("Authorization", equalTo(SERVICE_TOKEN))
                .withRequestBody(containing(letterId.toString()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"decisions\":[{\"letterId\":\"" + letterId + "\",\"channel\":\"DIGITAL\",\"reason\":\"REGISTERED\"}]}")));
    }

    /** Routing is down for re-checks of {@code letterId}. */
    public static StubMapping routingDown(UUID letterId) {
        return client().register(post(urlEqualTo("/internal/v1/routing/recheck")).atPriority(1)
                .withRequestBody(containing(letterId.toString()))
                .willReturn(aResponse().withStatus(503)));
    }

    public static void remove(StubMapping stub) {
        client().removeStubMapping(stub);
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
