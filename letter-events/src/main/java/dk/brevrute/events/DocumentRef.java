package dk.brevrute.events;

/**
 * A stored document, by reference. Internal events never carry document bytes: a consumer fetches
 * the document from letter-intake by {@code documentId} and verifies {@code sha256}.
 */
public record DocumentRef(
        String documentId,
        String sha256,
        long sizeBytes,
        int pages,
        String filename,
        String mediaType) {
}
