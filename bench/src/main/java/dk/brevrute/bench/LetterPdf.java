package dk.brevrute.bench;

import dk.brevrute.events.Department;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A municipal letter as a department's case system would make it, one distinct PDF per letter:
 * A4, the department's letterhead, the recipient's address where a C5 window envelope shows it (20 mm
 * from the left, 45-90 mm from the top; left out for letters without a window address), date and
 * journal number, subject, the recipient's name in the salutation, body text filling the letter's
 * 1-4 pages, page numbers and a signature. Standard 14 fonts (not embedded), as most case systems.
 */
final class LetterPdf {

    private static final String[] SENTENCES = {
        "Vi har modtaget din henvendelse og har nu behandlet sagen.",
        "Afgørelsen er truffet efter de gældende regler i lov om social service og den kommunale kvalitetsstandard.",
        "Du kan læse mere om reglerne på kommunens hjemmeside, hvor du også finder svar på de oftest stillede spørgsmål.",
        "Hvis du er uenig i afgørelsen, kan du klage inden fire uger fra den dag, du har modtaget dette brev.",
        "Klagen sendes til den afdeling, der har truffet afgørelsen, som vil vurdere sagen igen.",
        "Fastholder vi afgørelsen, sender vi klagen videre til Ankestyrelsen, og du får besked om det.",
        "Du har ret til at se de oplysninger, vi har lagt vægt på, og til at få en forklaring på afgørelsen.",
        "Oplysningerne i sagen behandles fortroligt og efter reglerne i databeskyttelsesforordningen.",
        "Du bedes give os besked, hvis dine forhold ændrer sig, da det kan have betydning for afgørelsen.",
        "Beløbet bliver udbetalt til din NemKonto den første bankdag i måneden.",
        "Har du spørgsmål til brevet, er du velkommen til at kontakte os på telefon eller via den digitale selvbetjening.",
        "Husk at oplyse journalnummeret øverst i brevet, når du kontakter os, så vi hurtigt kan finde din sag.",
        "Vi gør opmærksom på, at mødet kan flyttes, hvis du giver besked senest tre hverdage før.",
        "Tag venligst gyldig legitimation med, for eksempel pas eller kørekort, når du møder op.",
        "Kommunen har pligt til at vejlede dig, og du kan altid få hjælp til at udfylde ansøgningen.",
        "Beregningen er foretaget på grundlag af de indkomstoplysninger, som Skattestyrelsen har indberettet.",
        "Er der fejl i oplysningerne, skal du rette dem hos Skattestyrelsen, hvorefter vi beregner beløbet igen.",
        "Arbejdet udføres i dagtimerne på hverdage, og adgangen til ejendommen vil være sikret i hele perioden.",
        "Vi beklager de gener, arbejdet måtte medføre, og takker for din tålmodighed.",
        "Tilladelsen gælder for den periode og det areal, der er angivet i ansøgningen, og kan ikke overdrages.",
        "Affald skal sorteres i de fraktioner, der fremgår af vedlagte oversigt, og stilles frem senest klokken seks.",
        "Undersøgelsen foregår på sundhedsplejens kontor, og den varer cirka en time.",
        "Hvis du ikke ønsker at deltage, beder vi dig give besked, så tiden kan gives til en anden.",
        "Du finder en samlet oversigt over dine betalinger i det seneste år på de følgende sider.",
    };
    private static final String[] MONTHS = {"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
        "oktober", "november", "december"};
    private static final float FONT_SIZE = 10.5f;
    private static final float LEADING = 14f;
    private static final int CHARS_PER_LINE = 92;

    private LetterPdf() {
    }

    static String danishDate(LocalDate date) {
        return date.getDayOfMonth() + ". " + MONTHS[date.getMonthValue() - 1] + " " + date.getYear();
    }

    static String journalNumber(PlannedLetter letter, LocalDate date) {
        return date.getYear() + "-" + String.format(Locale.ROOT, "%07d", letter.number());
    }

    /** The letter's PDF; the same letter and date always give the same text. */
    static byte[] render(PlannedLetter letter, Department department, LocalDate date) {
        List<String> address = Recipients.address(letter);
        Random random = new Random(letter.number() * 7919L + 17);
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream(8192)) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(Recipients.subject(letter));
            info.setAuthor("Københavns Kommune, " + department.name());
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            int pages = letter.pages();
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                float height = PDRectangle.A4.getHeight();
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    text(cs, bold, 12, mm(130), height - mm(20), "Københavns Kommune");
                    text(cs, regular, 9, mm(130), height - mm(25), department.name());
                    float top;
                    if (p == 0) {
                        text(cs, regular, 9, mm(130), height - mm(29), "Borgerservice, Rådhuspladsen 1, 1550 København V");
                        if (letter.windowAddress()) {
                            float y = height - mm(52);
                            for (String line : address) {
                                text(cs, regular, 11, mm(25), y, line);
                                y -= 13;
                            }
                        }
                        text(cs, regular, 10, mm(130), height - mm(95), "Dato: " + danishDate(date));
                        text(cs, regular, 10, mm(130), height - mm(100), "J.nr.: " + journalNumber(letter, date));
                        text(cs, bold, 12, mm(25), height - mm(110), "Vedr.: " + Recipients.subject(letter));
                        text(cs, regular, FONT_SIZE, mm(25), height - mm(120), "Kære " + address.get(0) + ",");
                        top = height - mm(128);
                    } else {
                        text(cs, regular, 9, mm(25), height - mm(35), "J.nr.: " + journalNumber(letter, date) + " · " + danishDate(date));
                        top = height - mm(45);
                    }
                    float bottom = mm(p == pages - 1 ? 55 : 25);
                    float y = top;
                    for (String line : paragraphLines(random, (int) ((top - bottom) / LEADING))) {
                        if (!line.isEmpty()) {
                            text(cs, regular, FONT_SIZE, mm(25), y, line);
                        }
                        y -= LEADING;
                    }
                    if (p == pages - 1) {
                        text(cs, regular, FONT_SIZE, mm(25), mm(45), "Med venlig hilsen");
                        text(cs, regular, FONT_SIZE, mm(25), mm(35), Recipients.name(letter.number() * 13 + 5) + ", sagsbehandler");
                        text(cs, regular, 9, mm(25), mm(30), department.name());
                    }
                    text(cs, regular, 8, mm(95), mm(12), "Side " + (p + 1) + " af " + pages);
                }
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Paragraphs of sentences, wrapped, with blank lines between them. */
    private static List<String> paragraphLines(Random random, int lines) {
        List<String> result = new ArrayList<>(lines);
        while (result.size() < lines) {
            StringBuilder paragraph = new StringBuilder();
            int sentences = 2 + random.nextInt(4);
            for (int i = 0; i < sentences; i++) {
                if (!paragraph.isEmpty()) {
                    paragraph.append(' ');
                }
                paragraph.append(SENTENCES[random.nextInt(SENTENCES.length)]);
            }
            for (String line : wrap(paragraph.toString())) {
                if (result.size() < lines) {
                    result.add(line);
                }
            }
            if (result.size() < lines) {
                result.add("");
            }
        }
        return result;
    }

    static List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > CHARS_PER_LINE && !line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static void text(PDPageContentStream cs, PDType1Font font, float size, float x, float y, String text) throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(text);
        cs.endText();
    }

    private static float mm(float mm) {
        return mm / 25.4f * 72f;
    }
}
