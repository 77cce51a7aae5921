package dk.brevrute.checks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds CPR-shaped strings in log files: ten digits, or six digits, a hyphen and four, standing
 * alone (not inside a longer number or an identifier, nor the fraction of a decimal number such as a
 * metric's value, nor an object's identity hash after '@'), whose
 * first six digits are a real date with
 * the century the seventh digit gives. Hits are reported masked, so the report itself leaks nothing.
 */
public final class CprScanner {

    private static final Pattern CPR = Pattern.compile("(?<![0-9A-Za-z@])(?<![0-9]\\.)([0-9]{6})-?([0-9]{4})(?![0-9A-Za-z])");

    /** A CPR-shaped string in a file, masked. */
    public record Hit(Path file, long line, String masked) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + masked;
        }
    }

    private CprScanner() {
    }

    /** Every log-like file under {@code roots}: *.log and Surefire's *.txt reports and output. */
    public static List<Path> logFiles(List<Path> roots) {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                // The test brokers' and databases' data folders hold data (Kafka segments are *.log), not logs.
                walk.filter(Files::isRegularFile)
                        .filter(p -> !p.toString().contains("/brevrute-infra-") && !p.toString().contains("/kraft-logs/"))
                        .filter(p -> {
                            String name = p.getFileName().toString();
                            return name.endsWith(".log") || (p.toString().contains("surefire-reports") && name.endsWith(".txt"));
                        })
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    public static List<Hit> scan(List<Path> files) {
        List<Hit> hits = new ArrayList<>();
        for (Path file : files) {
            hits.addAll(scanFile(file));
        }
        return hits;
    }

    static List<Hit> scanFile(Path file) {
        List<Hit> hits = new ArrayList<>();
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            long lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                Matcher m = CPR.matcher(line);
                while (m.find()) {
                    if (isCpr(m.group(1) + m.group(2))) {
                        hits.add(new Hit(file, lineNo, m.group(1) + "-****"));
                    }
                }
            }
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return hits;
    }

    /** Whether ten digits have a real birth date with the century of the seventh digit. */
    static boolean isCpr(String digits) {
        int day = Integer.parseInt(digits.substring(0, 2));
        int month = Integer.parseInt(digits.substring(2, 4));
        int yy = Integer.parseInt(digits.substring(4, 6));
        int seventh = digits.charAt(6) - '0';
        int century = seventh <= 3 ? 1900 : (seventh == 4 || seventh == 9) ? (yy <= 36 ? 2000 : 1900) : (yy <= 57 ? 2000 : 1800);
        try {
            LocalDate.of(century + yy, month, day);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
