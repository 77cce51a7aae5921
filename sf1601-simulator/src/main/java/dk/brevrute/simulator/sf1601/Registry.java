package dk.brevrute.simulator.sf1601;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.simulator.config.SimulatorConfig;

/**
 * Who has Digital Post. Explicit entries (configuration, then the admin endpoint) win; otherwise a
 * CPR number's last digit decides: 0-6 registered, 7-8 not registered, 9 exempt. Companies (CVR)
 * are always registered, as Danish law requires. Unknown recipients are known to no one.
 */
@ApplicationScoped
class Registry {

    enum Status {
        REGISTERED,
        NOT_REGISTERED,
        EXEMPT,
        UNKNOWN
    }

    private final SimulatorConfig config;
    private final Map<String, Status> explicit = new ConcurrentHashMap<>();

    Registry(SimulatorConfig config) {
        this.config = config;
        reset();
    }

    final void reset() {
        explicit.clear();
        SimulatorConfig.Registry r = config.registry();
        put(r.registered(), Status.REGISTERED);
        put(r.notRegistered(), Status.NOT_REGISTERED);
        put(r.exempt(), Status.EXEMPT);
        put(r.unknown(), Status.UNKNOWN);
    }

    private void put(Optional<List<String>> ids, Status status) {
        ids.ifPresent(list -> set(list, status));
    }

    void set(Collection<String> ids, Status status) {
        for (String id : ids) {
            explicit.put(id.strip(), status);
        }
    }

    Status status(String id, String idType) {
        Status s = explicit.get(id);
        if (s != null) {
            return s;
        }
        if (!"CPR".equals(idType)) {
            return Status.REGISTERED;
        }
        return byRule(id);
    }

    static Status byRule(String cpr) {
        int last = cpr.charAt(cpr.length() - 1) - '0';
        if (last <= 6) {
            return Status.REGISTERED;
        }
        return last <= 8 ? Status.NOT_REGISTERED : Status.EXEMPT;
    }
}
