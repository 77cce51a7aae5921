package dk.brevrute.routing.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.brevrute.events.CitizenKey;
import dk.brevrute.events.RegistrationStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Loads a registry snapshot (hundreds of thousands of rows) streamed from the request body, in
 * batches of one transaction each, recording progress as it goes. Rows are CSV with a header
 * ({@code cpr} or {@code citizen_key}, {@code status}, optional {@code exempt_until} and
 * {@code changed_at}; ';' or ',') or JSON lines with the same fields in camelCase. A row never
 * overwrites a newer state; a bad row is rejected by line number, never quoted.
 */
@ApplicationScoped
class SnapshotLoader {

    private static final Logger LOG = Logger.getLogger(SnapshotLoader.class);
    static final int BATCH = 1000;
    static final int MAX_REJECTIONS_KEPT = 200;

    enum Format {
        CSV,
        JSON_LINES
    }

    record Rejection(long line, String reason) {
    }

    record Summary(UUID loadId, long rowsRead, long rowsLoaded, long rowsRejected, List<Rejection> rejections, boolean finished) {
    }

    private record Row(String citizenKey, RegistrationStatus status, LocalDate exemptUntil, Instant changedAt) {
    }

    private static final String UPSERT = """
            INSERT INTO registration (citizen_key, status, exempt_until, changed_at, event_id, updated_at)
            VALUES (?, ?, ?, ?, ?, now())
            ON CONFLICT (citizen_key) DO UPDATE SET status = EXCLUDED.status, exempt_until = EXCLUDED.exempt_until,
                changed_at = EXCLUDED.changed_at, event_id = EXCLUDED.event_id, updated_at = now()
            WHERE registration.changed_at <= EXCLUDED.changed_at""";

    private final EntityManager em;
    private final RegistryLoadRepository loads;
    private final CitizenKey citizenKey;
    private final ObjectMapper mapper;

    SnapshotLoader(EntityManager em, RegistryLoadRepository loads, CitizenKey citizenKey, ObjectMapper mapper) {
        this.em = em;
        this.loads = loads;
        this.citizenKey = citizenKey;
        this.mapper = mapper;
    }

    Summary load(InputStream body, Format format, String startedBy) {
        UUID loadId = UUID.randomUUID();
        Instant started = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            RegistryLoad l = new RegistryLoad();
            l.id = loadId;
            l.startedBy = startedBy;
            l.startedAt = started;
            l.format = format.name();
            loads.persist(l);
        });
        List<Rejection> rejections = new ArrayList<>();
        long read = 0;
        long loaded = 0;
        long rejected = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            long lineNo = 0;
            Map<String, Integer> columns = null;
            char separator = ',';
            List<Row> batch = new ArrayList<>(BATCH);
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                if (format == Format.CSV && columns == null) {
                    separator = line.indexOf(';') >= 0 ? ';' : ',';
                    columns = header(line, separator);
                    continue;
                }
                read++;
                try {
                    batch.add(format == Format.CSV ? csvRow(line, separator, columns) : jsonRow(line));
                } catch (IllegalArgumentException e) {
                    rejected++;
                    if (rejections.size() < MAX_REJECTIONS_KEPT) {
                        rejections.add(new Rejection(lineNo, e.getMessage()));
                    }
                }
                if (batch.size() == BATCH) {
                    loaded += write(batch);
                    batch.clear();
                    progress(loadId, read, loaded, rejected, rejections, false);
                }
            }
            loaded += write(batch);
        } catch (IOException e) {
            throw new UncheckedIOException("snapshot body could not be read", e);
        }
        progress(loadId, read, loaded, rejected, rejections, true);
        LOG.infof("registry snapshot %s: %d rows read, %d loaded, %d rejected", loadId, read, loaded, rejected);
        return new Summary(loadId, read, loaded, rejected, List.copyOf(rejections), true);
    }

    private static Map<String, Integer> header(String line, char separator) {
        Map<String, Integer> columns = new HashMap<>();
        String[] names = line.split(String.valueOf(separator), -1);
        for (int i = 0; i < names.length; i++) {
            columns.put(names[i].strip().toLowerCase(Locale.ROOT).replace("-", "_"), i);
        }
        if (!columns.containsKey("status") || !(columns.containsKey("cpr") || columns.containsKey("citizen_key"))) {
            throw new IllegalArgumentException("the CSV header must name status and cpr or citizen_key");
        }
        return columns;
    }

    private Row csvRow(String line, char separator, Map<String, Integer> columns) {
        String[] cells = line.split(String.valueOf(separator), -1);
        return row(cell(cells, columns.get("cpr")), cell(cells, columns.get("citizen_key")), cell(cells, columns.get("status")),
                cell(cells, columns.get("exempt_until")), cell(cells, columns.get("changed_at")));
    }

    private Row jsonRow(String line) {
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return row(text(node, "cpr"), text(node, "citizenKey"), text(node, "status"), text(node, "exemptUntil"), text(node, "changedAt"));
    }

    private Row row(String cpr, String key, String status, String exemptUntil, String changedAt) {
        String citizen;
        if (key != null) {
            if (!key.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("citizen_key is not a keyed hash");
            }
            citizen = key;
        } else if (cpr != null) {
            try {
                citizen = citizenKey.of(cpr);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cpr is not 10 digits");
            }
        } else {
            throw new IllegalArgumentException("neither cpr nor citizen_key");
        }
        RegistrationStatus s;
        try {
            s = RegistrationStatus.valueOf(status == null ? "" : status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status must be REGISTERED, EXEMPT or UNREGISTERED");
        }
        LocalDate until = null;
        Instant changed = Instant.now();
        try {
            if (exemptUntil != null) {
                until = LocalDate.parse(exemptUntil.strip());
            }
            if (changedAt != null) {
                changed = Instant.parse(changedAt.strip());
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("exempt_until must be a date (YYYY-MM-DD) and changed_at an ISO instant");
        }
        if (until != null && s != RegistrationStatus.EXEMPT) {
            throw new IllegalArgumentException("exempt_until is only for EXEMPT");
        }
        return new Row(citizen, s, until, changed);
    }

    private static String cell(String[] cells, Integer index) {
        if (index == null || index >= cells.length) {
            return null;
        }
        String v = cells[index].strip();
        return v.isEmpty() ? null : v;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private long write(List<Row> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        QuarkusTransaction.requiringNew().run(() -> em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(UPSERT)) {
                for (Row r : rows) {
                    ps.setString(1, r.citizenKey());
                    ps.setString(2, r.status().name());
                    ps.setObject(3, r.exemptUntil());
                    ps.setTimestamp(4, Timestamp.from(r.changedAt()));
                    ps.setObject(5, UUID.randomUUID());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }));
        return rows.size();
    }

    private void progress(UUID loadId, long read, long loaded, long rejected, List<Rejection> rejections, boolean finished) {
        QuarkusTransaction.requiringNew().run(() -> {
            RegistryLoad l = loads.findById(loadId);
            l.rowsRead = read;
            l.rowsLoaded = loaded;
            l.rowsRejected = rejected;
            try {
                l.rejections = mapper.writeValueAsString(rejections);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            if (finished) {
                l.finishedAt = Instant.now();
            }
        });
    }

    Summary status(UUID loadId) {
        return QuarkusTransaction.requiringNew().call(() -> loads.findByIdOptional(loadId).map(l -> {
            try {
                List<Rejection> r = l.rejections == null ? List.of()
                        : List.of(mapper.readValue(l.rejections, Rejection[].class));
                return new Summary(l.id, l.rowsRead, l.rowsLoaded, l.rowsRejected, r, l.finishedAt != null);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }).orElse(null));
    }
}
