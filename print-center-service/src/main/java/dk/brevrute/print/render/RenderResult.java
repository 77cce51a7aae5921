package dk.brevrute.print.render;

import java.nio.file.Path;

/** The print file and manifests of a batch, and what they hold. */
public record RenderResult(Path pdf, Path manifestCsv, Path manifestJson, int envelopes, int letters, long sheets, long pages) {
}
