package dk.brevrute.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The caller's side of the batch document fetch: each document asked once, each letter its item. */
class DocumentBatchTest {

    private static DocumentBatch.Item ok(DocumentBatch.Wanted w, byte[] content) {
        return new DocumentBatch.Item(w.documentId(), w.department(), DocumentBatch.Status.OK, "hash", "brev.pdf", content);
    }

    @Test
    void aSharedDocumentIsAskedOnceAndEveryLetterGetsItsItem() {
        DocumentBatch.Wanted shared = new DocumentBatch.Wanted(UUID.randomUUID(), "BUF");
        DocumentBatch.Wanted own = new DocumentBatch.Wanted(UUID.randomUUID(), "BUF");
        DocumentBatch.Wanted sameIdOtherDepartment = new DocumentBatch.Wanted(shared.documentId(), "SOF");
        DocumentBatch.Call call = new DocumentBatch.Call(Arrays.asList(shared, own, null, shared, sameIdOtherDepartment));

        assertEquals(List.of(shared, own, sameIdOtherDepartment), call.request().documents());
        assertEquals(3, call.documents());

        DocumentBatch.Item sharedItem = ok(shared, new byte[] {1});
        DocumentBatch.Item notFound = new DocumentBatch.Item(sameIdOtherDepartment.documentId(), "SOF", DocumentBatch.Status.NOT_FOUND,
                null, null, null);
        DocumentBatch.Item stranger = ok(new DocumentBatch.Wanted(UUID.randomUUID(), "BUF"), new byte[] {2});
        List<DocumentBatch.Item> items = call.items(new DocumentBatch.Answer(List.of(stranger, notFound, sharedItem)));

        assertEquals(5, items.size());
        assertSame(sharedItem, items.get(0));
        assertNull(items.get(1), "no item for it: fetched singly");
        assertNull(items.get(2), "not asked for");
        assertSame(sharedItem, items.get(3));
        assertSame(notFound, items.get(4), "the item of the letter's own department");
    }

    @Test
    void atMostTheLimitIsAskedForAndTheRestGetNoItem() {
        List<DocumentBatch.Wanted> wanted = new ArrayList<>();
        for (int i = 0; i < DocumentBatch.MAX_DOCUMENTS + 5; i++) {
            wanted.add(new DocumentBatch.Wanted(UUID.randomUUID(), "KFF"));
        }
        wanted.add(wanted.get(0));
        DocumentBatch.Call call = new DocumentBatch.Call(wanted);

        assertEquals(DocumentBatch.MAX_DOCUMENTS, call.request().documents().size());
        List<DocumentBatch.Item> items = call.items(new DocumentBatch.Answer(wanted.stream().map(w -> ok(w, new byte[0])).toList()));
        assertEquals(wanted.get(0).documentId(), items.get(0).documentId());
        assertEquals(wanted.get(0).documentId(), items.get(wanted.size() - 1).documentId(), "a repeat of an asked document gets it");
        for (int i = DocumentBatch.MAX_DOCUMENTS; i < DocumentBatch.MAX_DOCUMENTS + 5; i++) {
            assertNull(items.get(i), "past the limit: fetched singly");
        }
        assertTrue(new DocumentBatch.Call(List.of()).isEmpty());
        assertEquals(List.of(), new DocumentBatch.Call(List.of()).items(null));
    }

    @Test
    void aReferenceThatIsNoUuidIsNotAskedFor() {
        assertNull(DocumentBatch.Wanted.of("not-a-uuid", "BUF"));
        assertNull(DocumentBatch.Wanted.of(null, "BUF"));
        UUID id = UUID.randomUUID();
        assertEquals(new DocumentBatch.Wanted(id, "BUF"), DocumentBatch.Wanted.of(id.toString(), "BUF"));
    }

    @Test
    void theAnswerCarriesTheBytesAsBase64() throws Exception {
        DocumentBatch.Wanted w = new DocumentBatch.Wanted(UUID.randomUUID(), "BUF");
        byte[] pdf = "%PDF-1.7 ...".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(new DocumentBatch.Answer(List.of(ok(w, pdf))));
        assertTrue(text.contains("\"content\":\"" + java.util.Base64.getEncoder().encodeToString(pdf) + "\""), text);
        DocumentBatch.Answer back = json.readValue(text, DocumentBatch.Answer.class);
        assertEquals(DocumentBatch.Status.OK, back.documents().get(0).status());
        assertEquals(Arrays.toString(pdf), Arrays.toString(back.documents().get(0).content()));
    }
}
