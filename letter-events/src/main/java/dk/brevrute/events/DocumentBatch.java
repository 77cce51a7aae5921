package dk.brevrute.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * letter-intake's batch document fetch for the delivering services ({@code POST} {@link #PATH}, role
 * {@code service}): the documents of many letters in one call, instead of one call per letter. The
 * answer has one item per wanted document, in the order asked. A document is handed out only to the
 * department it belongs to; for any other it does not exist ({@link Status#NOT_FOUND}). The answer's
 * bytes are bounded: a document that does not fit ({@link Status#FETCH_SINGLY}) is fetched alone, by
 * {@code GET /internal/v1/documents/{id}}, which streams it. The caller checks every document against
 * the SHA-256 its letter carries, as with a single fetch.
 */
public final class DocumentBatch {

    public static final String PATH = "/internal/v1/documents/batch";

    /** The most documents one call may ask for. */
    public static final int MAX_DOCUMENTS = 100;

    private DocumentBatch() {
    }

    /** A letter's document: its id and the letter's department. */
    public record Wanted(UUID documentId, String department) {

        /** As events reference a document ({@link DocumentRef#documentId()}); null if the reference is not a UUID. */
        public static Wanted of(String documentId, String department) {
            try {
                return documentId == null ? null : new Wanted(UUID.fromString(documentId), department);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    public record Request(List<Wanted> documents) {
    }

    public enum Status {
        /** Here: {@code content}, {@code sha256} and {@code filename} are set. */
        OK,
        /** No such document for this department, or retention deleted its bytes. */
        NOT_FOUND,
        /** It would make the answer too large: fetch it alone. */
        FETCH_SINGLY
    }

    public record Item(UUID documentId, String department, Status status, String sha256, String filename, byte[] content) {
    }

    public record Answer(List<Item> documents) {
    }

    /**
     * A caller's side of one call for the documents of several letters (letters may share a document):
     * asks for each document once, at most {@link #MAX_DOCUMENTS} of them, and gives each letter the
     * item the answer has for its document.
     */
    public static final class Call {

        private final int letters;
        private final Map<Wanted, List<Integer>> asked = new LinkedHashMap<>();

        /** {@code wanted}: each letter's document; a null, or one without an id, is not asked for. */
        public Call(List<Wanted> wanted) {
            this.letters = wanted.size();
            for (int i = 0; i < wanted.size(); i++) {
                Wanted w = wanted.get(i);
                if (w != null && w.documentId() != null && (asked.containsKey(w) || asked.size() < MAX_DOCUMENTS)) {
                    asked.computeIfAbsent(w, k -> new ArrayList<>()).add(i);
                }
            }
        }

        public boolean isEmpty() {
            return asked.isEmpty();
        }

        /** Distinct documents asked for. */
        public int documents() {
            return asked.size();
        }

        public Request request() {
            return new Request(List.copyOf(asked.keySet()));
        }

        /** Each letter's item in {@code answer}, in the order of the letters; null where it has none. */
        public List<Item> items(Answer answer) {
            List<Item> items = new ArrayList<>(Collections.nCopies(letters, null));
            if (answer != null && answer.documents() != null) {
                for (Item item : answer.documents()) {
                    List<Integer> of = item == null ? null : asked.get(new Wanted(item.documentId(), item.department()));
                    if (of != null) {
                        of.forEach(i -> items.set(i, item));
                    }
                }
            }
            return items;
        }
    }
}
