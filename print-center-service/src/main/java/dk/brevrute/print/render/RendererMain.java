package dk.brevrute.print.render;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Renders a batch in a process of its own: {@code java -cp ... RendererMain <job.json> <output-dir>}.
 * Used to prove the renderer's memory bound (a 10,000-letter batch under {@code -Xmx256m}) and
 * usable by an operator to re-render a batch by hand. Prints one summary line; exit code 0 on success.
 */
public final class RendererMain {

    private RendererMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: RendererMain <job.json> <output-dir>");
            System.exit(2);
        }
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        RenderJob job = mapper.readValue(Path.of(args[0]).toFile(), RenderJob.class);
        long start = System.nanoTime();
        RenderResult r = new BatchRenderer().render(job, Path.of(args[1]));
        long ms = (System.nanoTime() - start) / 1_000_000;
        Runtime rt = Runtime.getRuntime();
        System.out.printf("rendered envelopes=%d letters=%d sheets=%d pages=%d ms=%d heapUsedMb=%d pdf=%s%n", r.envelopes(),
                r.letters(), r.sheets(), r.pages(), ms, (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024), r.pdf());
    }
}
