package dk.brevrute.deploy;

import dk.brevrute.deploy.Kustomize.Rendered;
import dk.brevrute.events.Department;
import dk.brevrute.events.Topics;
import dk.brevrute.events.Topics.TopicSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checks of a rendered overlay. Each returns the problems it found, worded for the person who
 * has to fix the manifests; an empty list means the overlay passes. The seeded-mistake tests use the
 * same checks to prove they can fail.
 */
final class ManifestChecks {

    /** Core kinds we deploy, with the one apiVersion and fabric8 model each must parse into. */
    private static final Map<String, Map.Entry<String, Class<?>>> CORE = Map.of(
            "ConfigMap", Map.entry("v1", ConfigMap.class),
            "Secret", Map.entry("v1", Secret.class),
            "Service", Map.entry("v1", Service.class),
            "PersistentVolumeClaim", Map.entry("v1", PersistentVolumeClaim.class),
            "Deployment", Map.entry("apps/v1", Deployment.class),
            "PodDisruptionBudget", Map.entry("policy/v1", PodDisruptionBudget.class),
            "NetworkPolicy", Map.entry("networking.k8s.io/v1", NetworkPolicy.class),
            "HorizontalPodAutoscaler", Map.entry("autoscaling/v2", HorizontalPodAutoscaler.class));

    private static final Map<String, Class<?>> STRIMZI = Map.of(
            "Kafka", Kafka.class, "KafkaNodePool", KafkaNodePool.class,
            "KafkaTopic", KafkaTopic.class, "KafkaUser", KafkaUser.class);
    private static final String STRIMZI_API = "kafka.strimzi.io/v1beta2";

    private static final Pattern TOPIC_KEY = Pattern.compile(
            "mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(topic|dead-letter-queue\\.topic)");
    private static final Pattern REQUIRED_ENV = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");
    private static final long WEEK_MS = 7L * 24 * 60 * 60 * 1000;

    /** A service module: its application name and its application.properties. */
    record App(String name, Properties properties) {
        boolean usesDatabase() {
            return properties.containsKey("quarkus.datasource.db-kind");
        }

        boolean usesKafka() {
            return properties.containsKey("kafka.bootstrap.servers");
        }

        boolean isTestDouble() {
            return name.endsWith("-simulator");
        }
    }

    private final List<App> apps;
    private final List<Department> departments;

    ManifestChecks(Path projectRoot) {
        this.apps = readApps(projectRoot);
        this.departments = Department.defaults();
        if (apps.stream().noneMatch(App::usesDatabase)) {
            throw new IllegalStateException("no service application.properties found under " + projectRoot);
        }
    }

    List<App> apps() {
        return apps;
    }

    /** Every check on one rendered overlay; dev is the only overlay with the test doubles. */
    List<String> all(String overlay, List<Rendered> objects) {
        List<String> problems = new ArrayList<>();
        problems.addAll(schemas(objects));
        problems.addAll(topics(objects));
        problems.addAll(settings(objects));
        problems.addAll(workloads(overlay, objects));
        problems.addAll(kafkaUsers(objects));
        problems.addAll(databases(objects));
        return problems;
    }

    // ---------------------------------------------------------------- schemas

    /** Typed parse of every object; unknown fields and unknown kinds are problems. */
    List<String> schemas(List<Rendered> objects) {
        List<String> problems = new ArrayList<>();
        for (Rendered o : objects) {
            String kind = o.kind();
            String where = o.toString();
            if (CORE.containsKey(kind)) {
                Map.Entry<String, Class<?>> expected = CORE.get(kind);
                if (!expected.getKey().equals(o.apiVersion())) {
                    problems.add(where + ": apiVersion " + o.apiVersion() + ", expected " + expected.getKey());
                    continue;
                }
                Object typed = Serialization.unmarshal(o.yaml());
                if (typed instanceof GenericKubernetesResource || !expected.getValue().isInstance(typed)) {
                    problems.add(where + ": did not parse into " + expected.getValue().getSimpleName()
                            + " but " + (typed == null ? "null" : typed.getClass().getSimpleName()));
                    continue;
                }
                unknownFields(typed, where, problems);
            } else if (STRIMZI.containsKey(kind)) {
                if (!STRIMZI_API.equals(o.apiVersion())) {
                    problems.add(where + ": apiVersion " + o.apiVersion() + ", expected " + STRIMZI_API);
                    continue;
                }
                unknownFields(Serialization.unmarshal(o.yaml(), STRIMZI.get(kind)), where, problems);
            } else if (CrdSchemas.spec(o.apiVersion(), kind) != null) {
                for (String key : o.map().keySet()) {
                    if (!Set.of("apiVersion", "kind", "metadata", "spec").contains(key)) {
                        problems.add(where + ": unknown top-level field " + key);
                    }
                }
                ObjectMeta meta = Serialization.jsonMapper().convertValue(o.map().get("metadata"), ObjectMeta.class);
                unknownFields(meta, where + " metadata", problems);
                CrdSchemas.spec(o.apiVersion(), kind).check(o.map().get("spec"), where + " spec", problems::add);
                if (kind.equals("ScaledObject")) {
                    for (Map<String, Object> trigger : maps(path(o.map(), "spec", "triggers"))) {
                        if ("kafka".equals(trigger.get("type"))) {
                            Object metadata = trigger.get("metadata");
                            CrdSchemas.KAFKA_TRIGGER_METADATA.check(metadata, where + " kafka trigger metadata", problems::add);
                            for (String required : List.of("bootstrapServers", "consumerGroup")) {
                                if (!(metadata instanceof Map<?, ?> m && m.containsKey(required))) {
                                    problems.add(where + ": kafka trigger without " + required);
                                }
                            }
                        }
                    }
                }
            } else {
                problems.add(where + ": unknown kind " + o.apiVersion() + "/" + kind
                        + " (neither a core kind we deploy nor a known operator's custom resource)");
            }
        }
        return problems;
    }

    /** Reports every non-empty {@code additionalProperties} in the model graph: fields the model does not know. */
    static void unknownFields(Object model, String where, List<String> problems) {
        walk(model, "", where, problems, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void walk(Object value, String path, String where, List<String> problems, Set<Object> seen) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || !seen.add(value)) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, where, problems, seen));
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object element : list) {
                walk(element, path + "[" + i++ + "]", where, problems, seen);
            }
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8.kubernetes.api.model") && !pkg.startsWith("io.strimzi.api")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))
                    || getter.getName().equals("getClass")) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(where + ": unknown field(s) " + extra.keySet() + " at "
                            + (path.isEmpty() ? "the top level" : path.substring(1)));
                }
                continue;
            }
            String field = getter.getName().replaceFirst("^(get|is)", "");
            walk(child, path + "." + Character.toLowerCase(field.charAt(0)) + field.substring(1), where, problems, seen);
        }
    }

    // ---------------------------------------------------------------- topics

    /** The catalogue and every topic the services name exist as KafkaTopics, configured as catalogued. */
    List<String> topics(List<Rendered> objects) {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> kafkaTopics = kafkaTopics(objects);
        List<TopicSpec> catalogue = Topics.catalogue(departments);
        for (TopicSpec t : catalogue) {
            Map<String, Object> spec = kafkaTopics.get(t.name());
            if (spec == null) {
                problems.add("topic " + t.name() + " of the catalogue (letter-events Topics) has no KafkaTopic");
                continue;
            }
            Map<String, Object> config = map(spec.get("config"));
            expect(problems, t.name(), "cleanup.policy", t.compacted() ? "compact" : "delete", config.get("cleanup.policy"));
            expect(problems, t.name(), "retention.ms", t.retentionMs(), number(config.get("retention.ms")));
            expect(problems, t.name(), "max.message.bytes", (long) t.maxMessageBytes(), number(config.get("max.message.bytes")));
            long replicas = Optional.ofNullable(number(spec.get("replicas"))).orElse(-1L);
            Long minIsr = number(config.get("min.insync.replicas"));
            if (minIsr == null || minIsr > replicas || (replicas > 1 && minIsr < 2)) {
                problems.add("topic " + t.name() + ": min.insync.replicas " + minIsr + " does not fit replicas " + replicas
                        + " (set it, at most replicas, at least 2 when replicated)");
            }
            if (t.carriesCpr() && (number(config.get("retention.ms")) == null || number(config.get("retention.ms")) > WEEK_MS
                    || number(config.get("retention.ms")) < 0)) {
                problems.add("topic " + t.name() + " carries CPR numbers: retention.ms must be at most a week");
            }
        }
        Set<String> catalogued = new java.util.HashSet<>();
        catalogue.forEach(t -> catalogued.add(t.name()));
        kafkaTopics.keySet().stream().filter(n -> !catalogued.contains(n))
                .forEach(n -> problems.add("KafkaTopic " + n + " is not in the catalogue (letter-events Topics)"));

        for (App app : apps) {
            for (String name : app.properties().stringPropertyNames()) {
                Matcher m = TOPIC_KEY.matcher(name);
                if (!m.matches()) {
                    continue;
                }
                String topic = app.properties().getProperty(name);
                boolean pattern = m.group(3).equals("topic") && "true".equals(
                        app.properties().getProperty("mp.messaging." + m.group(1) + "." + m.group(2) + ".pattern"));
                if (pattern) {
                    Pattern p = Pattern.compile(topic);
                    List<String> expected = Topics.matching(topic, departments);
                    if (expected.isEmpty() || kafkaTopics.keySet().stream().noneMatch(n -> p.matcher(n).matches())) {
                        problems.add(app.name() + ": " + name + "=" + topic + " matches no KafkaTopic");
                    }
                    expected.stream().filter(n -> !kafkaTopics.containsKey(n)).forEach(n -> problems.add(
                            app.name() + ": " + name + "=" + topic + " expands to " + n + ", which has no KafkaTopic"));
                } else if (!kafkaTopics.containsKey(topic)) {
                    problems.add(app.name() + ": " + name + "=" + topic + " has no KafkaTopic");
                }
            }
        }
        return problems;
    }

    private static Map<String, Map<String, Object>> kafkaTopics(List<Rendered> objects) {
        Map<String, Map<String, Object>> topics = new TreeMap<>();
        for (Rendered o : ofKind(objects, "KafkaTopic")) {
            Map<String, Object> spec = map(o.map().get("spec"));
            String name = spec.get("topicName") instanceof String s ? s : o.name();
            topics.put(name, spec);
        }
        return topics;
    }

    private static void expect(List<String> problems, String topic, String key, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            problems.add("topic " + topic + ": " + key + " is " + actual + ", the catalogue says " + expected);
        }
    }

    // ---------------------------------------------------------------- settings

    /**
     * What must differ per cluster reaches each Deployment from a ConfigMap or Secret, never as a
     * literal: Kafka, the database (credentials from CloudNativePG's generated secret), the token
     * issuer, the SF1601 base URL and every {@code ${ENV}} the properties require.
     */
    List<String> settings(List<Rendered> objects) {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> configMaps = dataOf(objects, "ConfigMap");
        Set<String> cnpgAppSecrets = new java.util.HashSet<>();
        ofKind(objects, "Cluster").forEach(c -> cnpgAppSecrets.add(c.name() + "-app"));
        for (App app : apps) {
            Optional<Rendered> deployment = ofKind(objects, "Deployment").stream().filter(d -> app.name().equals(d.name())).findFirst();
            if (deployment.isEmpty()) {
                continue; // workloads() reports missing Deployments
            }
            Map<String, String> required = requiredEnv(app);
            List<Map<String, Object>> containers = maps(path(deployment.get().map(), "spec", "template", "spec", "containers"));
            for (Map.Entry<String, String> need : required.entrySet()) {
                String env = need.getKey();
                String source = null;
                for (Map<String, Object> container : containers) {
                    for (Map<String, Object> e : maps(container.get("env"))) {
                        if (!env.equals(e.get("name"))) {
                            continue;
                        }
                        if (e.get("value") != null) {
                            problems.add(app.name() + ": " + env + " is a literal value; it must come from a ConfigMap or Secret");
                            source = "literal";
                        }
                        Map<String, Object> cmRef = map(path(e, "valueFrom", "configMapKeyRef"));
                        Map<String, Object> secretRef = map(path(e, "valueFrom", "secretKeyRef"));
                        if (!cmRef.isEmpty()) {
                            source = map(configMaps.get(cmRef.get("name"))).containsKey(cmRef.get("key")) ? "configmap"
                                    : missing(problems, app, env, "ConfigMap " + cmRef.get("name") + " has no key " + cmRef.get("key"));
                        } else if (!secretRef.isEmpty()) {
                            source = "secret:" + secretRef.get("name");
                        }
                    }
                    for (Map<String, Object> from : maps(container.get("envFrom"))) {
                        Map<String, Object> cmRef = map(from.get("configMapRef"));
                        if (source == null && !cmRef.isEmpty() && map(configMaps.get(cmRef.get("name"))).containsKey(env)) {
                            source = "configmap";
                        }
                    }
                }
                if (source == null) {
                    problems.add(app.name() + ": " + env + " (for " + need.getValue()
                            + ") is not provided from a ConfigMap or Secret (env valueFrom or envFrom)");
                } else if (env.startsWith("QUARKUS_DATASOURCE_") && !env.endsWith("JDBC_URL")
                        && !cnpgAppSecrets.contains(source.replaceFirst("^secret:", ""))) {
                    problems.add(app.name() + ": " + env + " must come from the CloudNativePG-generated secret <cluster>-app, not "
                            + source);
                }
            }
        }
        for (Rendered secret : ofKind(objects, "Secret")) {
            Stream.concat(map(secret.map().get("data")).keySet().stream(), map(secret.map().get("stringData")).keySet().stream())
                    .filter(k -> k.toLowerCase().matches(".*(password|token|secret|private|jaas).*"))
                    .forEach(k -> problems.add(secret + ": key " + k + " looks like a credential; credentials are never in git"));
        }
        return problems;
    }

    private static String missing(List<String> problems, App app, String env, String why) {
        problems.add(app.name() + ": " + env + ": " + why);
        return "broken";
    }

    /** Environment variable -> the setting it provides, as the service's properties require. */
    static Map<String, String> requiredEnv(App app) {
        Map<String, String> env = new LinkedHashMap<>();
        Properties p = app.properties();
        if (app.usesKafka()) {
            env.put("KAFKA_BOOTSTRAP_SERVERS", "kafka.bootstrap.servers");
        }
        if (app.usesDatabase()) {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", "quarkus.datasource.jdbc.url");
            env.put("QUARKUS_DATASOURCE_USERNAME", "quarkus.datasource.username");
            env.put("QUARKUS_DATASOURCE_PASSWORD", "quarkus.datasource.password");
        }
        if (p.containsKey("mp.jwt.verify.issuer")) {
            env.put("MP_JWT_VERIFY_ISSUER", "mp.jwt.verify.issuer");
            env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "mp.jwt.verify.publickey.location");
        }
        if (p.containsKey("quarkus.rest-client.sf1601.url")) {
            env.put("QUARKUS_REST_CLIENT_SF1601_URL", "quarkus.rest-client.sf1601.url (SF1601 base URL)");
        }
        if (p.containsKey("gateway.sf1601.url")) {
            env.put("GATEWAY_SF1601_URL", "gateway.sf1601.url (SF1601 base URL)");
        }
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith("%")) {
                continue;
            }
            Matcher m = REQUIRED_ENV.matcher(p.getProperty(name));
            while (m.find()) {
                env.put(m.group(1), name);
            }
        }
        return env;
    }

    // ---------------------------------------------------------------- workloads

    /** Hardening of every Deployment, and each service's companions (Service, PDB, scaling, policies, monitor). */
    List<String> workloads(String overlay, List<Rendered> objects) {
        List<String> problems = new ArrayList<>();
        Set<String> deployments = new java.util.HashSet<>();
        for (Rendered d : ofKind(objects, "Deployment")) {
            deployments.add(d.name());
            hardening(d, problems);
        }
        for (App app : apps) {
            boolean expected = !app.isTestDouble() || overlay.equals("dev");
            if (expected != deployments.contains(app.name())) {
                problems.add(app.name() + ": " + (expected ? "no Deployment" : "must not be deployed") + " in overlay " + overlay);
            }
            if (app.isTestDouble() || !deployments.contains(app.name())) {
                continue;
            }
            String n = app.name();
            require(problems, objects, "Service", n, o -> n.equals(path(o, "spec", "selector", "app.kubernetes.io/name")));
            require(problems, objects, "ConfigMap", n, o -> true);
            require(problems, objects, "PodDisruptionBudget", n, o -> true);
            require(problems, objects, "ServiceMonitor", n, o -> maps(path(o, "spec", "endpoints")).stream()
                    .anyMatch(e -> "/q/metrics".equals(e.get("path"))));
            boolean policy = ofKind(objects, "NetworkPolicy").stream().anyMatch(
                    p -> n.equals(path(p.map(), "spec", "podSelector", "matchLabels", "app.kubernetes.io/name")));
            if (!policy) {
                problems.add(n + ": no NetworkPolicy selects its pods");
            }
            boolean lag = ofKind(objects, "ScaledObject").stream().anyMatch(s -> n.equals(path(s.map(), "spec", "scaleTargetRef", "name"))
                    && maps(path(s.map(), "spec", "triggers")).stream().anyMatch(
                            t -> "kafka".equals(t.get("type")) && n.equals(path(t, "metadata", "consumerGroup"))));
            boolean hpa = ofKind(objects, "HorizontalPodAutoscaler").stream()
                    .anyMatch(h -> n.equals(path(h.map(), "spec", "scaleTargetRef", "name")));
            if (!lag && !hpa) {
                problems.add(n + ": neither a KEDA ScaledObject on its consumer group's lag nor an HPA");
            }
        }
        return problems;
    }

    private static void hardening(Rendered d, List<String> problems) {
        Map<String, Object> pod = map(path(d.map(), "spec", "template", "spec"));
        if (maps(pod.get("topologySpreadConstraints")).isEmpty()) {
            problems.add(d + ": no topologySpreadConstraints");
        }
        Set<String> emptyDirs = new java.util.HashSet<>();
        maps(pod.get("volumes")).stream().filter(v -> v.containsKey("emptyDir")).forEach(v -> emptyDirs.add((String) v.get("name")));
        boolean podNonRoot = Boolean.TRUE.equals(path(pod, "securityContext", "runAsNonRoot"));
        for (Map<String, Object> c : maps(pod.get("containers"))) {
            String where = d + " container " + c.get("name");
            Map<String, Object> sc = map(c.get("securityContext"));
            if (!podNonRoot && !Boolean.TRUE.equals(sc.get("runAsNonRoot"))) {
                problems.add(where + ": runAsNonRoot is not true");
            }
            if (!Boolean.TRUE.equals(sc.get("readOnlyRootFilesystem"))) {
                problems.add(where + ": readOnlyRootFilesystem is not true");
            }
            if (!Boolean.FALSE.equals(sc.get("allowPrivilegeEscalation"))) {
                problems.add(where + ": allowPrivilegeEscalation is not false");
            }
            if (!(path(sc, "capabilities", "drop") instanceof List<?> drop && drop.contains("ALL"))) {
                problems.add(where + ": capabilities do not drop ALL");
            }
            if (!"/q/health/live".equals(path(c, "livenessProbe", "httpGet", "path"))) {
                problems.add(where + ": liveness probe is not GET /q/health/live");
            }
            if (!"/q/health/ready".equals(path(c, "readinessProbe", "httpGet", "path"))) {
                problems.add(where + ": readiness probe is not GET /q/health/ready");
            }
            for (String r : List.of("requests.cpu", "requests.memory", "limits.memory")) {
                if (path(c, "resources", r.split("\\.")[0], r.split("\\.")[1]) == null) {
                    problems.add(where + ": no resources." + r);
                }
            }
            boolean tmp = maps(c.get("volumeMounts")).stream()
                    .anyMatch(m -> "/tmp".equals(m.get("mountPath")) && emptyDirs.contains(m.get("name")));
            if (!tmp) {
                problems.add(where + ": /tmp is not an emptyDir (the root filesystem is read-only)");
            }
        }
    }

    private static void require(List<String> problems, List<Rendered> objects, String kind, String name,
            java.util.function.Predicate<Map<String, Object>> ok) {
        Optional<Rendered> found = ofKind(objects, kind).stream().filter(o -> name.equals(o.name())).findFirst();
        if (found.isEmpty()) {
            problems.add(name + ": no " + kind);
        } else if (!ok.test(found.get().map())) {
            problems.add(name + ": its " + kind + " does not select or scrape it as it should");
        }
    }

    // ---------------------------------------------------------------- Kafka users

    /** One KafkaUser per service and per department, with ACLs on its own topics and group only. */
    List<String> kafkaUsers(List<Rendered> objects) {
        List<String> problems = new ArrayList<>();
        Map<String, List<Map<String, Object>>> acls = new TreeMap<>();
        for (Rendered u : ofKind(objects, "KafkaUser")) {
            acls.put(u.name(), maps(path(u.map(), "spec", "authorization", "acls")));
        }
        for (App app : apps) {
            if (!app.usesKafka()) {
                continue;
            }
            List<Map<String, Object>> rules = acls.get(app.name());
            if (rules == null) {
                problems.add(app.name() + ": no KafkaUser");
                continue;
            }
            for (String name : app.properties().stringPropertyNames()) {
                Matcher m = TOPIC_KEY.matcher(name);
                if (!m.matches()) {
                    continue;
                }
                String topic = app.properties().getProperty(name);
                boolean dlq = m.group(3).startsWith("dead-letter");
                List<String> names = topic.contains("\\") ? Topics.matching(topic, departments) : List.of(topic);
                String op = dlq || m.group(1).equals("outgoing") ? "Write" : "Read";
                for (String t : names) {
                    if (!allows(rules, "topic", t, op)) {
                        problems.add("KafkaUser " + app.name() + ": no " + op + " on topic " + t + " (" + name + ")");
                    }
                }
            }
            if (!allows(rules, "group", app.name(), "Read")) {
                problems.add("KafkaUser " + app.name() + ": no Read on its consumer group " + app.name());
            }
            rules.stream().filter(r -> "group".equals(path(r, "resource", "type")) && !app.name().equals(path(r, "resource", "name")))
                    .forEach(r -> problems.add("KafkaUser " + app.name() + ": ACL on another group " + path(r, "resource", "name")));
        }
        for (Department d : departments) {
            String user = "dept-" + d.topicSegment();
            List<Map<String, Object>> rules = acls.get(user);
            if (rules == null) {
                problems.add("department " + d.id() + ": no KafkaUser " + user);
                continue;
            }
            if (!allows(rules, "topic", Topics.lettersRequested(d), "Write")) {
                problems.add("KafkaUser " + user + ": cannot write " + Topics.lettersRequested(d));
            }
            if (!allows(rules, "topic", Topics.lettersStatusChanged(d), "Read")) {
                problems.add("KafkaUser " + user + ": cannot read " + Topics.lettersStatusChanged(d));
            }
            for (Map<String, Object> r : rules) {
                if (!"topic".equals(path(r, "resource", "type"))) {
                    continue;
                }
                String name = String.valueOf(path(r, "resource", "name"));
                List<?> ops = (List<?>) Optional.ofNullable(r.get("operations")).orElse(List.of());
                boolean own = (name.equals(Topics.lettersRequested(d)) && Set.of("Write", "Describe").containsAll(ops))
                        || (name.equals(Topics.lettersStatusChanged(d)) && Set.of("Read", "Describe").containsAll(ops));
                if (!own || !"literal".equals(path(r, "resource", "patternType"))) {
                    problems.add("KafkaUser " + user + ": ACL " + ops + " on " + name + " beyond its own two topics");
                }
            }
        }
        return problems;
    }

    private static boolean allows(List<Map<String, Object>> rules, String type, String name, String operation) {
        for (Map<String, Object> r : rules) {
            Object resourceName = path(r, "resource", "name");
            boolean prefix = "prefix".equals(path(r, "resource", "patternType"));
            boolean matches = prefix ? name.startsWith(String.valueOf(resourceName)) : name.equals(resourceName);
            if (type.equals(path(r, "resource", "type")) && matches
                    && r.get("operations") instanceof List<?> ops && (ops.contains(operation) || ops.contains("All"))) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- databases

    /** A CloudNativePG Cluster per service database, operator-generated credentials, continuous backup. */
    List<String> databases(List<Rendered> objects) {
        List<String> problems = new ArrayList<>();
        for (App app : apps) {
            if (!app.usesDatabase()) {
                continue;
            }
            String cluster = app.name() + "-db";
            Optional<Rendered> c = ofKind(objects, "Cluster").stream().filter(o -> cluster.equals(o.name())).findFirst();
            if (c.isEmpty()) {
                problems.add(app.name() + ": no CloudNativePG Cluster " + cluster);
                continue;
            }
            Map<String, Object> spec = map(c.get().map().get("spec"));
            Object destination = path(spec, "backup", "barmanObjectStore", "destinationPath");
            if (!(destination instanceof String s) || !s.matches("(s3|gs|https)://.+")) {
                problems.add(cluster + ": continuous backup has no object store (destinationPath " + destination + ")");
            }
            if (path(spec, "bootstrap", "initdb", "secret") != null || spec.get("superuserSecret") != null) {
                problems.add(cluster + ": credentials must be the operator's generated secrets, not a secret we supply");
            }
            boolean scheduled = ofKind(objects, "ScheduledBackup").stream()
                    .anyMatch(b -> cluster.equals(path(b.map(), "spec", "cluster", "name")));
            if (!scheduled) {
                problems.add(cluster + ": no ScheduledBackup (base backups for point-in-time recovery)");
            }
        }
        return problems;
    }

    // ---------------------------------------------------------------- helpers

    private static List<App> readApps(Path root) {
        List<App> apps = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.sorted().toList()) {
                Path file = module.resolve("src/main/resources/application.properties");
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                Properties p = new Properties();
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(in);
                }
                String name = p.getProperty("quarkus.application.name");
                if (name != null) {
                    apps.add(new App(name, p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return apps;
    }

    static List<Rendered> ofKind(List<Rendered> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.kind())).toList();
    }

    private static Map<String, Map<String, Object>> dataOf(List<Rendered> objects, String kind) {
        Map<String, Map<String, Object>> data = new TreeMap<>();
        ofKind(objects, kind).forEach(o -> data.put(o.name(), map(o.map().get("data"))));
        return data;
    }

    static Object path(Object root, String... keys) {
        Object current = root;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(e -> e instanceof Map<?, ?>).map(e -> (Map<String, Object>) e).toList();
    }

    private static Long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s && s.matches("-?\\d+")) {
            return Long.parseLong(s);
        }
        return null;
    }
}
