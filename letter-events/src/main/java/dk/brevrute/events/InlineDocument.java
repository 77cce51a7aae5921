package dk.brevrute.events;

/**
 * The document of a {@link LetterRequested}: either small and inline ({@code contentBase64}) or
 * uploaded first to {@code POST /api/v1/documents} and referenced by {@code documentId}.
 */
public record InlineDocument(
        String filename,
        String mediaType,
        String contentBase64,
        String documentId,
        String sha256) {
}
