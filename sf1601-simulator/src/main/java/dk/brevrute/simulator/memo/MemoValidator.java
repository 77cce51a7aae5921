package dk.brevrute.simulator.memo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Checks a SF1601 {@code kombi_request} carrying a MeMo 1.1 message the way the simulator accepts
 * it: well-formed XML without a DTD, the {@code kombi_request} envelope with a known
 * {@code KombiValgKode}, a {@code memo:Message} in namespace {@value #NAMESPACE} with
 * {@code memoVersion} and {@code memoSchVersion}, the header and body elements in the order of
 * the MeMo schema (unknown elements refused, required ones present, values of the right form),
 * and every file's base64 content decoding strictly and, for {@code application/pdf}, opening
 * with PDFBox.
 *
 * <p>Plain Java (no CDI), thread-safe, and free of simulator state, so it is also published as
 * the {@code validator} jar for the gateway's tests. Reasons never quote element values: a
 * recipient id is a CPR number.
 */
public final class MemoValidator {

    public static final String NAMESPACE = "https://DigitalPost.dk/MeMo-1";
    public static final Set<String> CHOICE_CODES = Set.of("Digital Post", "Automatisk Valg", "Fysisk Post", "NemSMS");
    public static final Set<String> MEMO_VERSIONS = Set.of("1.1", "1.2");
    public static final int MAX_LABEL_LENGTH = 256;

    // Element order of the MeMo schema (MessageHeader, Sender, Recipient, MessageBody, documents, File).
    private static final List<String> HEADER = List.of("messageType", "messageUUID", "messageID", "messageCode", "label",
            "notification", "additionalNotification", "reply", "replyByDateTime", "doNotDeliverUntilDate", "mandatory",
            "legalNotification", "postType", "Sender", "Recipient", "ContentData", "ForwardData", "ReplyData");
    private static final Set<String> HEADER_REQUIRED = Set.of("messageType", "messageUUID", "label", "Sender", "Recipient");
    private static final List<String> SENDER = List.of("senderID", "idType", "idTypeLabel", "label", "AttentionData",
            "ContactPoint", "Representative");
    private static final Set<String> SENDER_REQUIRED = Set.of("senderID", "idType", "label");
    private static final List<String> RECIPIENT = List.of("recipientID", "idType", "idTypeLabel", "label", "AttentionData",
            "ContactPoint");
    private static final Set<String> RECIPIENT_REQUIRED = Set.of("recipientID", "idType");
    private static final List<String> BODY = List.of("createdDateTime", "MainDocument", "AdditionalDocument", "TechnicalDocument");
    private static final Set<String> REPEATABLE = Set.of("ReplyData", "AdditionalDocument", "TechnicalDocument", "File", "Action");
    private static final List<String> FILE = List.of("encodingFormat", "filename", "language", "content");
    private static final Set<String> MESSAGE_TYPES = Set.of("DIGITALPOST", "NEMSMS");
    private static final Set<String> ID_TYPES = Set.of("CPR", "CVR", "MyndighedsID");

    private static final Pattern UUID_FORM = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern CPR_FORM = Pattern.compile("[0-9]{10}");
    private static final Pattern CVR_FORM = Pattern.compile("[0-9]{8}");
    private static final Pattern MIME_FORM = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*");
    private static final Pattern LANGUAGE_FORM = Pattern.compile("[a-z]{2}");
    private static final Pattern BASE64_WHITESPACE = Pattern.compile("[ \t\r\n]");

    /** A MeMo message that passed every check, with what the simulator needs from it. */
    public record ValidMemo(
            String choiceCode,
            String memoVersion,
            String messageType,
            UUID messageUuid,
            String label,
            boolean mandatory,
            boolean legalNotification,
            Party sender,
            Party recipient,
            String createdDateTime,
            List<MemoFile> mainDocumentFiles) {
    }

    public record Party(String id, String idType, String label) {
    }

    /** A file of the main document: its decoded size and, for a PDF, its page count. */
    public record MemoFile(String encodingFormat, String filename, String language, long bytes, int pages) {
    }

    /** Why a message was refused, in words safe to log and to answer with (no element values). */
    public static final class InvalidMemoException extends Exception {
        private static final long serialVersionUID = 1L;

        public InvalidMemoException(String reason) {
            super(reason, null, false, false);
        }

        public String reason() {
            return getMessage();
        }
    }

    /** Validates a whole {@code kombi_request} (the KombiPostAfsend body). */
    public ValidMemo validateKombiRequest(byte[] xml) throws InvalidMemoException {
        Element root = parse(xml).getDocumentElement();
        if (root.getNamespaceURI() != null || !"kombi_request".equals(root.getLocalName())) {
            throw new InvalidMemoException("the root element must be kombi_request (no namespace)");
        }
        List<Element> children = children(root);
        if (children.size() != 2) {
            throw new InvalidMemoException("kombi_request must hold KombiValgKode followed by memo:Message");
        }
        Element choice = children.get(0);
        if (choice.getNamespaceURI() != null || !"KombiValgKode".equals(choice.getLocalName())) {
            throw new InvalidMemoException("kombi_request must start with KombiValgKode");
        }
        String code = text(choice, "KombiValgKode");
        if (!CHOICE_CODES.contains(code)) {
            throw new InvalidMemoException("KombiValgKode must be one of " + String.join(", ", CHOICE_CODES.stream().sorted().toList()));
        }
        return message(children.get(1), code);
    }

    /** Validates a bare {@code memo:Message} document. */
    public ValidMemo validateMessage(byte[] xml) throws InvalidMemoException {
        return message(parse(xml).getDocumentElement(), null);
    }

    private ValidMemo message(Element message, String choiceCode) throws InvalidMemoException {
        if (!NAMESPACE.equals(message.getNamespaceURI()) || !"Message".equals(message.getLocalName())) {
            throw new InvalidMemoException("expected memo:Message in namespace " + NAMESPACE);
        }
        String version = message.getAttribute("memoVersion");
        if (!MEMO_VERSIONS.contains(version)) {
            throw new InvalidMemoException("memoVersion must be one of " + String.join(", ", MEMO_VERSIONS.stream().sorted().toList()));
        }
        String schVersion = message.getAttribute("memoSchVersion");
        if (!schVersion.startsWith(version + ".")) {
            throw new InvalidMemoException("memoSchVersion must be given and belong to memoVersion " + version);
        }
        List<Element> parts = children(message);
        for (Element e : parts) {
            memoElement(e, "Message");
        }
        if (parts.isEmpty() || !"MessageHeader".equals(parts.get(0).getLocalName())) {
            throw new InvalidMemoException("memo:Message must start with memo:MessageHeader");
        }
        Map<String, List<Element>> header = sequence(parts.get(0), "MessageHeader", HEADER, HEADER_REQUIRED);
        String messageType = text(one(header, "messageType"), "messageType");
        if (!MESSAGE_TYPES.contains(messageType)) {
            throw new InvalidMemoException("messageType must be DIGITALPOST or NEMSMS");
        }
        String uuidText = text(one(header, "messageUUID"), "messageUUID");
        if (!UUID_FORM.matcher(uuidText).matches()) {
            throw new InvalidMemoException("messageUUID must be a UUID");
        }
        String label = text(one(header, "label"), "label");
        if (label.isBlank() || label.length() > MAX_LABEL_LENGTH) {
            throw new InvalidMemoException("label must be 1-" + MAX_LABEL_LENGTH + " characters");
        }
        boolean mandatory = optionalBoolean(header, "mandatory");
        boolean legal = optionalBoolean(header, "legalNotification");
        optionalBoolean(header, "reply");
        if (header.containsKey("doNotDeliverUntilDate")) {
            try {
                LocalDate.parse(text(one(header, "doNotDeliverUntilDate"), "doNotDeliverUntilDate"));
            } catch (DateTimeParseException e) {
                throw new InvalidMemoException("doNotDeliverUntilDate must be a date (YYYY-MM-DD)");
            }
        }

        Map<String, List<Element>> sender = sequence(one(header, "Sender"), "Sender", SENDER, SENDER_REQUIRED);
        Party from = party(sender, "senderID", "Sender");
        if (from.label() == null || from.label().isBlank()) {
            throw new InvalidMemoException("Sender/label must not be empty");
        }
        Map<String, List<Element>> recipient = sequence(one(header, "Recipient"), "Recipient", RECIPIENT, RECIPIENT_REQUIRED);
        Party to = party(recipient, "recipientID", "Recipient");

        if (parts.size() > 2 || (parts.size() == 2 && !"MessageBody".equals(parts.get(1).getLocalName()))) {
            throw new InvalidMemoException("memo:MessageHeader may only be followed by memo:MessageBody");
        }
        if (parts.size() == 1) {
            if ("DIGITALPOST".equals(messageType)) {
                throw new InvalidMemoException("a DIGITALPOST message needs memo:MessageBody");
            }
            return new ValidMemo(choiceCode, version, messageType, UUID.fromString(uuidText), label, mandatory, legal, from, to, null, List.of());
        }
        Map<String, List<Element>> body = sequence(parts.get(1), "MessageBody", BODY, Set.of("createdDateTime", "MainDocument"));
        String created = text(one(body, "createdDateTime"), "createdDateTime");
        dateTime(created, "createdDateTime");
        List<MemoFile> files = document(one(body, "MainDocument"), "MainDocument", "mainDocumentID");
        for (Element additional : body.getOrDefault("AdditionalDocument", List.of())) {
            document(additional, "AdditionalDocument", "additionalDocumentID");
        }
        for (Element technical : body.getOrDefault("TechnicalDocument", List.of())) {
            document(technical, "TechnicalDocument", "technicalDocumentID");
        }
        return new ValidMemo(choiceCode, version, messageType, UUID.fromString(uuidText), label, mandatory, legal, from, to, created, files);
    }

    private List<MemoFile> document(Element doc, String name, String idElement) throws InvalidMemoException {
        List<String> order = List.of(idElement, "label", "File", "Action");
        Map<String, List<Element>> parts = sequence(doc, name, order, Set.of("File"));
        List<MemoFile> files = new ArrayList<>();
        for (Element file : parts.get("File")) {
            files.add(file(file, name + "/File"));
        }
        return files;
    }

    private MemoFile file(Element file, String where) throws InvalidMemoException {
        Map<String, List<Element>> f = sequence(file, where, FILE, Set.copyOf(FILE));
        String format = text(one(f, "encodingFormat"), "encodingFormat");
        if (!MIME_FORM.matcher(format).matches()) {
            throw new InvalidMemoException(where + "/encodingFormat must be a MIME type");
        }
        String filename = text(one(f, "filename"), "filename");
        if (filename.isBlank() || filename.length() > 256) {
            throw new InvalidMemoException(where + "/filename must be 1-256 characters");
        }
        String language = text(one(f, "language"), "language");
        if (!LANGUAGE_FORM.matcher(language).matches()) {
            throw new InvalidMemoException(where + "/language must be a two-letter ISO 639-1 code");
        }
        String content = BASE64_WHITESPACE.matcher(text(one(f, "content"), "content")).replaceAll("");
        if (content.isEmpty()) {
            throw new InvalidMemoException(where + "/content is empty");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(content);
        } catch (IllegalArgumentException e) {
            throw new InvalidMemoException(where + "/content is not valid base64");
        }
        int pages = 0;
        if ("application/pdf".equals(format)) {
            try (PDDocument pdf = Loader.loadPDF(bytes)) {
                pages = pdf.getNumberOfPages();
            } catch (IOException e) {
                throw new InvalidMemoException(where + "/content is not a readable PDF");
            }
            if (pages < 1) {
                throw new InvalidMemoException(where + "/content is a PDF without pages");
            }
        }
        return new MemoFile(format, filename, language, bytes.length, pages);
    }

    private Party party(Map<String, List<Element>> parts, String idElement, String where) throws InvalidMemoException {
        String id = text(one(parts, idElement), idElement);
        String idType = text(one(parts, "idType"), "idType");
        if (!ID_TYPES.contains(idType)) {
            throw new InvalidMemoException(where + "/idType must be CPR, CVR or MyndighedsID");
        }
        if (idType.equals("CPR") && !CPR_FORM.matcher(id).matches()) {
            throw new InvalidMemoException(where + "/" + idElement + " must be 10 digits for idType CPR");
        }
        if (idType.equals("CVR") && !CVR_FORM.matcher(id).matches()) {
            throw new InvalidMemoException(where + "/" + idElement + " must be 8 digits for idType CVR");
        }
        if (idType.equals("MyndighedsID") && id.isBlank()) {
            throw new InvalidMemoException(where + "/" + idElement + " must not be empty");
        }
        String label = parts.containsKey("label") ? text(one(parts, "label"), "label") : null;
        return new Party(id, idType, label);
    }

    /**
     * The MeMo children of {@code parent}, checked against {@code order}: known names only, in
     * schema order, each once unless repeatable, and the required ones present.
     */
    private Map<String, List<Element>> sequence(Element parent, String where, List<String> order, Set<String> required)
            throws InvalidMemoException {
        Map<String, List<Element>> seen = new java.util.LinkedHashMap<>();
        int last = -1;
        for (Element child : children(parent)) {
            memoElement(child, where);
            String name = child.getLocalName();
            int index = order.indexOf(name);
            if (index < 0) {
                throw new InvalidMemoException("memo:" + name + " is not allowed in memo:" + where);
            }
            if (index < last || (index == last && !REPEATABLE.contains(name))) {
                throw new InvalidMemoException("memo:" + name + " is out of order or repeated in memo:" + where
                        + " (expected order: " + String.join(", ", order) + ")");
            }
            last = index;
            seen.computeIfAbsent(name, k -> new ArrayList<>()).add(child);
        }
        for (String name : order) {
            if (required.contains(name) && !seen.containsKey(name)) {
                throw new InvalidMemoException("memo:" + where + " lacks memo:" + name);
            }
        }
        return seen;
    }

    private static Element one(Map<String, List<Element>> parts, String name) {
        return parts.get(name).get(0);
    }

    private static boolean optionalBoolean(Map<String, List<Element>> parts, String name) throws InvalidMemoException {
        if (!parts.containsKey(name)) {
            return false;
        }
        return switch (text(one(parts, name), name)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new InvalidMemoException(name + " must be true or false");
        };
    }

    private static void dateTime(String value, String name) throws InvalidMemoException {
        try {
            OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            try {
                LocalDateTime.parse(value);
            } catch (DateTimeParseException e2) {
                throw new InvalidMemoException(name + " must be an xs:dateTime");
            }
        }
    }

    private static void memoElement(Element e, String where) throws InvalidMemoException {
        if (!NAMESPACE.equals(e.getNamespaceURI())) {
            throw new InvalidMemoException("element " + e.getLocalName() + " in memo:" + where + " is not in namespace " + NAMESPACE);
        }
    }

    /** The element's text; an element with element children where text belongs is refused. */
    private static String text(Element e, String name) throws InvalidMemoException {
        StringBuilder sb = new StringBuilder();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            switch (n.getNodeType()) {
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> sb.append(n.getNodeValue());
                case Node.COMMENT_NODE, Node.PROCESSING_INSTRUCTION_NODE -> {
                }
                default -> throw new InvalidMemoException(name + " must hold text only");
            }
        }
        return sb.toString().strip();
    }

    /** Element children; text other than whitespace between them is refused. */
    private static List<Element> children(Element parent) throws InvalidMemoException {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el) {
                result.add(el);
            } else if ((n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE)
                    && !n.getNodeValue().isBlank()) {
                throw new InvalidMemoException("unexpected text in " + parent.getLocalName());
            }
        }
        return result;
    }

    private static Document parse(byte[] xml) throws InvalidMemoException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // No DTDs, no external entities, no XInclude: a request cannot make us read files or the network.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(SILENT);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            if (e.getMessage() != null && e.getMessage().contains("DOCTYPE")) {
                throw new InvalidMemoException("a DOCTYPE is not allowed");
            }
            throw new InvalidMemoException("not well-formed XML (line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ")");
        } catch (SAXException | IOException e) {
            throw new InvalidMemoException("not well-formed XML");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be configured securely", e);
        }
    }

    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
