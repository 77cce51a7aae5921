package dk.brevrute.bench;

import dk.brevrute.events.Department;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The phase's PDFs, made before the system starts (PDFBox takes about 3 ms of CPU per letter, which
 * must not be charged to the pipeline) and kept on disk in plan order: a letter number, a length and
 * the bytes, one after the other. Read back in the same order while sending.
 */
final class PdfStore {

    record Stats(int letters, long bytes, int minBytes, int maxBytes) {
    }

    private PdfStore() {
    }

    static Stats write(Path file, List<PlannedLetter> plan, List<Department> departments, LocalDate date, int threads) {
        Map<String, Department> byId = departments.stream().collect(Collectors.toMap(Department::id, Function.identity()));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        long bytes = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            int chunk = 256;
            for (int from = 0; from < plan.size(); from += chunk) {
                List<PlannedLetter> part = plan.subList(from, Math.min(plan.size(), from + chunk));
                List<Future<byte[]>> made = part.stream()
                        .map(l -> pool.submit(() -> LetterPdf.render(l, byId.get(l.department()), date)))
                        .toList();
                for (int i = 0; i < part.size(); i++) {
                    byte[] pdf = made.get(i).get();
                    out.writeInt(part.get(i).number());
                    out.writeInt(pdf.length);
                    out.write(pdf);
                    bytes += pdf.length;
                    min = Math.min(min, pdf.length);
                    max = Math.max(max, pdf.length);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not make the PDFs", e);
        } finally {
            pool.shutdownNow();
        }
        return new Stats(plan.size(), bytes, min, max);
    }

    /** Reads the PDFs back in plan order; thread-safe, so several senders can share it. */
    static final class Reader implements AutoCloseable {
        private final DataInputStream in;

        Reader(Path file) {
            try {
                in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The next PDF; it must be the given letter's (the file is in plan order). */
        synchronized byte[] next(PlannedLetter letter) {
            try {
                int number = in.readInt();
                byte[] pdf = new byte[in.readInt()];
                in.readFully(pdf);
                if (number != letter.number()) {
                    throw new IllegalStateException("PDF store out of order: expected letter " + letter.number() + ", found " + number);
                }
                return pdf;
            } catch (EOFException e) {
                throw new IllegalStateException("PDF store ended before letter " + letter.number());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
