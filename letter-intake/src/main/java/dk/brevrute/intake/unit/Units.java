package dk.brevrute.intake.unit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dk.brevrute.events.Department;
import dk.brevrute.intake.config.IntakeConfig;
import dk.brevrute.kit.api.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;

/**
 * Units and their printer credentials. A unit admin creates a unit, rotates its password or
 * deactivates it; the printer authenticates each request against the stored hash. PBKDF2 is slow on
 * purpose, so a successful check is remembered for the stored hash it was made against: a rotated
 * password (a new hash, on any replica) is checked afresh.
 */
@ApplicationScoped
public class Units {

    private static final Logger LOG = Logger.getLogger(Units.class);
    static final String ID_PATTERN = "[a-z0-9][a-z0-9-]{1,39}";
    private static final int CACHE_LIMIT = 10_000;

    /** A new unit and its password, which is shown only this once. */
    public record Created(PrintUnit unit, String password) {
    }

    private final UnitRepository units;
    private final IntakeConfig config;
    private final Map<String, String> verified = new ConcurrentHashMap<>();

    Units(UnitRepository units, IntakeConfig config) {
        this.units = units;
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Created create(Department department, String id, String name, String costCentre, String by) {
        if (id == null || !id.matches(ID_PATTERN)) {
            throw new ProblemException(422, "invalid-unit", "Invalid unit",
                    "a unit id is 2-40 lower-case letters, digits or '-', starting with a letter or digit");
        }
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new ProblemException(422, "invalid-unit", "Invalid unit", "a unit needs a name of 1-100 characters");
        }
        if (costCentre != null && (costCentre.length() > 40 || !costCentre.matches("[\\p{L}\\p{N}._-]*"))) {
            throw new ProblemException(422, "invalid-unit", "Invalid unit", "a cost centre is up to 40 letters, digits or . _ -");
        }
        if (units.findByIdOptional(id).isPresent()) {
            throw new ProblemException(409, "unit-exists", "Unit exists", "a unit with this id exists already");
        }
        String password = PasswordHash.newPassword();
        Instant now = Instant.now();
        PrintUnit u = new PrintUnit();
        u.id = id;
        u.department = department.id();
        u.name = name.strip();
        u.costCentre = costCentre == null || costCentre.isBlank() ? null : costCentre;
        u.passwordHash = PasswordHash.hash(password, config.printer().passwordIterations());
        u.active = true;
        u.createdBy = by;
        u.createdAt = now;
        u.passwordChangedAt = now;
        units.persist(u);
        LOG.infof("unit %s of %s created by %s", id, department.id(), by);
        return new Created(u, password);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public String rotatePassword(Department department, String id, String by) {
        PrintUnit u = own(department, id);
        String password = PasswordHash.newPassword();
        u.passwordHash = PasswordHash.hash(password, config.printer().passwordIterations());
        u.passwordChangedAt = Instant.now();
        LOG.infof("unit %s: printer password rotated by %s", id, by);
        return password;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public PrintUnit deactivate(Department department, String id, String by) {
        PrintUnit u = own(department, id);
        if (u.active) {
            u.active = false;
            u.deactivatedAt = Instant.now();
            LOG.infof("unit %s deactivated by %s", id, by);
        }
        return u;
    }

    /** The department's unit, else 404 (another department's unit does not exist for it). */
    @Transactional(Transactional.TxType.MANDATORY)
    public PrintUnit own(Department department, String id) {
        return units.ofDepartment(id, department.id())
                .orElseThrow(() -> new ProblemException(404, "not-found", "Not Found", "no such unit"));
    }

    /** The active unit whose printer credentials these are. */
    public Optional<PrintUnit> authenticate(String username, String password) {
        if (username == null || password == null || !username.matches(ID_PATTERN)) {
            return Optional.empty();
        }
        Optional<PrintUnit> unit = QuarkusTransaction.requiringNew().call(() -> units.findByIdOptional(username));
        if (unit.isEmpty() || !unit.get().active) {
            return Optional.empty();
        }
        String key = username + ":" + sha256(password);
        String stored = unit.get().passwordHash;
        if (stored.equals(verified.get(key))) {
            return unit;
        }
        if (!PasswordHash.verify(password, stored)) {
            return Optional.empty();
        }
        if (verified.size() > CACHE_LIMIT) {
            verified.clear();
        }
        verified.put(key, stored);
        return unit;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
