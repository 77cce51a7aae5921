package dk.brevrute.eboks.memo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the SF1601 KombiPostAfsend body: {@code kombi_request} with {@code KombiValgKode}
 * "Digital Post" and a MeMo 1.1 {@code memo:Message}, element by element in the order of the
 * public MeMo 1.1 examples, with a real XML writer (StAX), so any subject text comes out
 * well-formed. The document is read and base64-encoded in chunks straight into the output, so a
 * large PDF is never held whole in memory, neither as bytes nor as base64 text.
 */
public final class MemoWriter {

    public static final String NAMESPACE = "https://DigitalPost.dk/MeMo-1";
    /** SF1601 expects exactly this prefix. */
    public static final String PREFIX = "memo";
    public static final String CHOICE_DIGITAL_POST = "Digital Post";
    public static final int MAX_LABEL_LENGTH = 256;

    /** A multiple of 3, so every chunk but the last encodes without padding. */
    private static final int CHUNK = 3 * 16 * 1024;
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private MemoWriter() {
    }

    /** Writes the whole request to {@code out} (UTF-8) and flushes; {@code out} stays open. */
    public static void writeKombiRequest(MemoMessage m, InputStream pdf, OutputStream out) throws IOException {
        try {
            XMLStreamWriter w = FACTORY.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("kombi_request");
            simple(w, "KombiValgKode", CHOICE_DIGITAL_POST);
            writeMessage(m, pdf, w);
            w.writeEndElement();
            w.writeEndDocument();
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the MeMo message", e);
        }
        out.flush();
    }

    /** Writes {@code memo:Message} at the writer's position. */
    public static void writeMessage(MemoMessage m, InputStream pdf, XMLStreamWriter w) throws XMLStreamException, IOException {
        w.writeStartElement(PREFIX, "Message", NAMESPACE);
        w.writeNamespace(PREFIX, NAMESPACE);
        w.writeAttribute("memoVersion", "1.1");
        w.writeAttribute("memoSchVersion", "1.1.0");

        w.writeStartElement(PREFIX, "MessageHeader", NAMESPACE);
        memo(w, "messageType", "DIGITALPOST");
        memo(w, "messageUUID", m.messageUuid().toString());
        memo(w, "label", xmlText(m.label(), MAX_LABEL_LENGTH));
        memo(w, "mandatory", Boolean.toString(m.mandatory()));
        memo(w, "legalNotification", Boolean.toString(m.legalNotification()));
        w.writeStartElement(PREFIX, "Sender", NAMESPACE);
        memo(w, "senderID", m.senderId());
        memo(w, "idType", "CVR");
        memo(w, "label", xmlText(m.senderLabel(), MAX_LABEL_LENGTH));
        w.writeEndElement();
        w.writeStartElement(PREFIX, "Recipient", NAMESPACE);
        memo(w, "recipientID", m.recipientId());
        memo(w, "idType", m.recipientIdType());
        w.writeEndElement();
        w.writeEndElement(); // MessageHeader

        w.writeStartElement(PREFIX, "MessageBody", NAMESPACE);
        memo(w, "createdDateTime", DateTimeFormatter.ISO_INSTANT.format(m.created().truncatedTo(ChronoUnit.SECONDS)));
        w.writeStartElement(PREFIX, "MainDocument", NAMESPACE);
        w.writeStartElement(PREFIX, "File", NAMESPACE);
        memo(w, "encodingFormat", "application/pdf");
        memo(w, "filename", xmlText(m.filename(), 256));
        memo(w, "language", m.language());
        w.writeStartElement(PREFIX, "content", NAMESPACE);
        Base64.Encoder encoder = Base64.getEncoder();
        byte[] chunk;
        while ((chunk = pdf.readNBytes(CHUNK)).length > 0) {
            w.writeCharacters(encoder.encodeToString(chunk));
        }
        w.writeEndElement(); // content
        w.writeEndElement(); // File
        w.writeEndElement(); // MainDocument
        w.writeEndElement(); // MessageBody
        w.writeEndElement(); // Message
    }

    /**
     * Text as XML 1.0 allows it: characters XML cannot carry at all (most control characters,
     * unpaired surrogates) are dropped, tabs and line breaks become spaces, the ends are trimmed, and the text is cut to
     * {@code maxLength} characters without splitting a surrogate pair. Escaping is the writer's job.
     */
    public static String xmlText(String s, int maxLength) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(Math.min(s.length(), maxLength));
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (!allowed) {
                continue;
            }
            if (cp == 0x9 || cp == 0xA || cp == 0xD) {
                cp = ' '; // a label is one line; a parser would turn CR into LF anyway
            }
            if (sb.length() + Character.charCount(cp) > maxLength) {
                break;
            }
            sb.appendCodePoint(cp);
        }
        return sb.toString().strip();
    }

    private static void memo(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(PREFIX, name, NAMESPACE);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    private static void simple(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(value);
        w.writeEndElement();
    }
}
