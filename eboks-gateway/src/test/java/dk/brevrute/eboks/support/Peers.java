package dk.brevrute.eboks.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.brevrute.events.DocumentBatch;

/** The two WireMock peers, through their admin API, with stubs and checks by letter. */
public final class Peers {

    public static final String SEND_PATH = "/service/KombiPostAfsend_1/memos";
    public static final String LOOKUP_PATH = "/service/PostForespoerg_1/digitalpost";
    public static final String DOCUMENTS_PATH = "/internal/v1/documents/";
    public static final String INTAKE_TOKEN = "Bearer intake-service-token";
    public static final String SF1601_TOKEN = "Bearer sf1601-test-token";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public final WireMock intake;
    public final WireMock sf1601;

    public Peers(URI intakeUrl, URI sf1601Url) {
        this.intake = new WireMock(intakeUrl.getHost(), intakeUrl.getPort());
        this.sf1601 = new WireMock(sf1601Url.getHost(), sf1601Url.getPort());
    }

    /** letter-intake serves {@code pdf} as the document of the letter, for its department and with the service token only. */
    public void document(Letters.Letter letter) {
        intake.register(get(urlPathEqualTo(DOCUMENTS_PATH + letter.submitted().document().documentId()))
                .withQueryParam("department", equalTo(letter.submitted().department()))
                .withHeader("Authorization", equalTo(INTAKE_TOKEN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/pdf")
                        .withHeader("X-Content-SHA256", letter.submitted().document().sha256()).withBody(letter.pdf())));
    }

    /** letter-intake serves other bytes than the letter references. */
    public void wrongDocument(Letters.Letter letter, byte[] other) {
        intake.register(get(urlPathEqualTo(DOCUMENTS_PATH + letter.submitted().document().documentId()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/pdf").withBody(other)));
    }

    /**
     * letter-intake's batch fetch, for a call that asks for any of {@code ok}'s documents: those
     * documents, {@code notFound}'s as not found and {@code singly}'s left to fetch singly.
     */
    public void documents(List<Letters.Letter> ok, List<Letters.Letter> notFound, List<Letters.Letter> singly) {
        List<DocumentBatch.Item> items = new ArrayList<>();
        ok.forEach(l -> items.add(item(l, DocumentBatch.Status.OK, l.pdf())));
        notFound.forEach(l -> items.add(item(l, DocumentBatch.Status.NOT_FOUND, null)));
        singly.forEach(l -> items.add(item(l, DocumentBatch.Status.FETCH_SINGLY, null)));
        try {
            intake.register(batchFetch(ok.get(0)).willReturn(json(200, MAPPER.writeValueAsString(new DocumentBatch.Answer(items)))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The batch fetch call that asks for the letter's document, with the service token. */
    public MappingBuilder batchFetch(Letters.Letter letter) {
        return post(urlPathEqualTo(DocumentBatch.PATH)).withHeader("Authorization", equalTo(INTAKE_TOKEN))
                .withRequestBody(containing(letter.submitted().document().documentId()));
    }

    public List<LoggedRequest> batchFetches(Letters.Letter letter) {
        return intake.find(postRequestedFor(urlPathEqualTo(DocumentBatch.PATH))
                .withRequestBody(containing(letter.submitted().document().documentId())));
    }

    private static DocumentBatch.Item item(Letters.Letter l, DocumentBatch.Status status, byte[] content) {
        return new DocumentBatch.Item(UUID.fromString(l.submitted().document().documentId()), l.submitted().department(), status,
                content == null ? null : l.submitted().document().sha256(), content == null ? null : "afgoerelse.pdf", content);
    }

    public MappingBuilder send(UUID transactionId) {
        return post(urlPathEqualTo(SEND_PATH)).withHeader("X-TransaktionsId", equalTo(transactionId.toString()));
    }

    public StubMapping accept(UUID transactionId) {
        return sf1601.register(send(transactionId).willReturn(accepted(transactionId)));
    }

    public static ResponseDefinitionBuilder accepted(UUID transactionId) {
        return json(200, "{\"transaktionsId\":\"" + transactionId + "\",\"status\":\"ACCEPTED\"}");
    }

    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    public static ResponseDefinitionBuilder unavailable() {
        return json(503, "{\"errorCode\":\"SERVICE_UNAVAILABLE\",\"errorText\":\"Serviceplatformen is temporarily unavailable\"}");
    }

    /** PostForespoerg answers {@code result} for this CPR number. */
    public void registered(String cpr, boolean result) {
        sf1601.register(get(urlPathEqualTo(LOOKUP_PATH)).withQueryParam("cprNumber", equalTo(cpr))
                .willReturn(json(200, "{\"result\":" + result + "}")));
    }

    public List<LoggedRequest> sends(UUID transactionId) {
        return sf1601.find(postRequestedFor(urlPathEqualTo(SEND_PATH)).withHeader("X-TransaktionsId", equalTo(transactionId.toString())));
    }

    public List<LoggedRequest> lookUps(String cpr) {
        return sf1601.find(getRequestedFor(urlPathEqualTo(LOOKUP_PATH)).withQueryParam("cprNumber", equalTo(cpr)));
    }

    public List<LoggedRequest> documentFetches(Letters.Letter letter) {
        return intake.find(getRequestedFor(urlPathEqualTo(DOCUMENTS_PATH + letter.submitted().document().documentId())));
    }
}
