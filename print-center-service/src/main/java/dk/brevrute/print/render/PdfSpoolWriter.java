package dk.brevrute.print.render;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdfwriter.COSWriter;

/**
 * Writes a PDF page by page straight to disk. PDFBox's own writer needs the whole document in the
 * object graph until it saves; a batch of tens of thousands of letters does not fit a small heap
 * that way. Here each page (and everything it references) is written as soon as it is added, so
 * the source document can be closed right after; only one offset per object stays in memory.
 * Pages are grouped under one page-tree node per envelope, below the root.
 */
final class PdfSpoolWriter implements Closeable {

    private final CountingOutputStream out;
    private long[] offsets = new long[4096];
    private int nextObject = 1;
    private final int catalog;
    private final int rootPages;
    private int[] rootKids = new int[256];
    private int rootKidCount;
    private long pageCount;
    /** Objects already given a number in the current scope (one source document, or one envelope). */
    private final Map<COSBase, Integer> numbered = new IdentityHashMap<>();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private boolean finished;

    private record Pending(int number, COSBase object) {
    }

    /** A page-tree node under the root, e.g. the pages of one envelope. */
    final class Group {
        private final int node;
        private int[] kids = new int[16];
        private int count;

        private Group(int node) {
            this.node = node;
        }
    }

    PdfSpoolWriter(Path file) throws IOException {
        out = new CountingOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        ascii("%PDF-1.7\n");
        out.write(new byte[] {'%', (byte) 0xE2, (byte) 0xE3, (byte) 0xCF, (byte) 0xD3, '\n'});
        catalog = reserve();
        rootPages = reserve();
    }

    long pageCount() {
        return pageCount;
    }

    Group startGroup() {
        return new Group(reserve());
    }

    /**
     * Appends a page under {@code group}. {@code page} must not carry /Parent; every object it
     * references is written now.
     */
    void addPage(Group group, COSDictionary page) throws IOException {
        int number = reserve();
        if (group.count == group.kids.length) {
            group.kids = Arrays.copyOf(group.kids, group.count * 2);
        }
        group.kids[group.count++] = number;
        pageCount++;
        begin(number);
        ascii("<<");
        for (Map.Entry<COSName, COSBase> e : page.entrySet()) {
            if (COSName.PARENT.equals(e.getKey())) {
                continue;
            }
            ascii(" ");
            e.getKey().writePDF(out);
            ascii(" ");
            value(e.getValue());
        }
        ascii(" /Parent " + group.node + " 0 R >>");
        end();
        drain();
    }

    void endGroup(Group group) throws IOException {
        if (group.count == 0) {
            return;
        }
        begin(group.node);
        StringBuilder sb = new StringBuilder("<< /Type /Pages /Parent ").append(rootPages).append(" 0 R /Count ")
                .append(group.count).append(" /Kids [");
        for (int i = 0; i < group.count; i++) {
            sb.append(group.kids[i]).append(" 0 R ");
        }
        ascii(sb.append("] >>").toString());
        end();
        if (rootKidCount == rootKids.length) {
            rootKids = Arrays.copyOf(rootKids, rootKidCount * 2);
        }
        rootKids[rootKidCount++] = group.node;
    }

    /** Forgets which objects were written: call when the documents they came from are closed. */
    void newScope() {
        numbered.clear();
    }

    /** Writes the page tree root, the catalogue, the cross-reference table and the trailer. */
    void finish() throws IOException {
        begin(rootPages);
        ascii("<< /Type /Pages /Count " + pageCount + " /Kids [");
        for (int i = 0; i < rootKidCount; i++) {
            ascii(rootKids[i] + " 0 R ");
        }
        ascii("] >>");
        end();
        begin(catalog);
        ascii("<< /Type /Catalog /Pages " + rootPages + " 0 R >>");
        end();
        long xref = out.count;
        ascii("xref\n0 " + nextObject + "\n0000000000 65535 f\r\n");
        for (int i = 1; i < nextObject; i++) {
            ascii(String.format("%010d 00000 n\r\n", offsets[i]));
        }
        ascii("trailer\n<< /Size " + nextObject + " /Root " + catalog + " 0 R >>\nstartxref\n" + xref + "\n%%EOF\n");
        out.flush();
        finished = true;
    }

    @Override
    public void close() throws IOException {
        out.close();
        if (!finished) {
            numbered.clear();
        }
    }

    private int reserve() {
        int n = nextObject++;
        if (n >= offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        return n;
    }

    private void begin(int number) throws IOException {
        offsets[number] = out.count;
        ascii(number + " 0 obj\n");
    }

    private void end() throws IOException {
        ascii("\nendobj\n");
    }

    private void drain() throws IOException {
        while (!pending.isEmpty()) {
            Pending p = pending.poll();
            if (p.object() instanceof COSStream stream) {
                writeStream(p.number(), stream);
            } else {
                begin(p.number());
                value(p.object());
                end();
            }
        }
    }

    /** The stream's raw (still encoded) bytes, its length given as an indirect object written after it. */
    private void writeStream(int number, COSStream stream) throws IOException {
        int length = reserve();
        begin(number);
        ascii("<<");
        for (Map.Entry<COSName, COSBase> e : stream.entrySet()) {
            if (COSName.LENGTH.equals(e.getKey())) {
                continue;
            }
            ascii(" ");
            e.getKey().writePDF(out);
            ascii(" ");
            value(e.getValue());
        }
        ascii(" /Length " + length + " 0 R >>\nstream\n");
        long start = out.count;
        if (stream.hasData()) {
            try (InputStream raw = stream.createRawInputStream()) {
                raw.transferTo(out);
            }
        }
        long written = out.count - start;
        ascii("\nendstream");
        end();
        begin(length);
        ascii(Long.toString(written));
        end();
    }

    private void value(COSBase v) throws IOException {
        if (v == null || v instanceof COSNull) {
            ascii("null");
        } else if (v instanceof COSObject ref) {
            COSBase target = ref.getObject();
            if (target == null || target instanceof COSNull) {
                ascii("null");
            } else {
                reference(target);
            }
        } else if (v instanceof COSStream stream) {
            reference(stream);
        } else if (v instanceof COSDictionary dict) {
            ascii("<<");
            for (Map.Entry<COSName, COSBase> e : dict.entrySet()) {
                ascii(" ");
                e.getKey().writePDF(out);
                ascii(" ");
                value(e.getValue());
            }
            ascii(" >>");
        } else if (v instanceof COSArray array) {
            ascii("[");
            for (int i = 0; i < array.size(); i++) {
                if (i > 0) {
                    ascii(" ");
                }
                value(array.get(i));
            }
            ascii("]");
        } else if (v instanceof COSName name) {
            name.writePDF(out);
        } else if (v instanceof COSString s) {
            COSWriter.writeString(s, out);
        } else if (v instanceof COSInteger i) {
            i.writePDF(out);
        } else if (v instanceof COSFloat f) {
            f.writePDF(out);
        } else if (v instanceof COSBoolean b) {
            b.writePDF(out);
        } else {
            throw new IOException("cannot write PDF object of type " + v.getClass().getSimpleName());
        }
    }

    private void reference(COSBase target) throws IOException {
        Integer n = numbered.get(target);
        if (n == null) {
            n = reserve();
            numbered.put(target, n);
            pending.add(new Pending(n, target));
        }
        ascii(n + " 0 R");
    }

    private void ascii(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static final class CountingOutputStream extends FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
