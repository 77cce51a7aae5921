package dk.brevrute.deploy;

import static dk.brevrute.deploy.Shape.any;
import static dk.brevrute.deploy.Shape.bool;
import static dk.brevrute.deploy.Shape.integer;
import static dk.brevrute.deploy.Shape.listOf;
import static dk.brevrute.deploy.Shape.object;
import static dk.brevrute.deploy.Shape.string;
import static dk.brevrute.deploy.Shape.stringMap;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The custom resources without a typed Java model here, checked field by field against their
 * documented API references: CloudNativePG 1.25 ({@code postgresql.cnpg.io/v1}, cloudnative-pg.io
 * /documentation/1.25/cloudnative-pg.v1/), KEDA 2.16 ({@code keda.sh/v1alpha1}, keda.sh/docs/2.16/
 * reference/scaledobject-spec/, scalers/apache-kafka/) and the Prometheus operator
 * ({@code monitoring.coreos.com/v1} ServiceMonitor and PrometheusRule, prometheus-operator.dev/docs/api-reference/api/). Every spec
 * field of each kind is listed; sub-objects Brevrute uses are listed field by field too, the rest
 * ({@link Shape#any()}) are core Kubernetes types or out of our use.
 */
final class CrdSchemas {

    private static final Map<String, Shape> SPECS = new HashMap<>();
    /** The documented metadata keys of KEDA's Kafka scaler. */
    static final Shape KAFKA_TRIGGER_METADATA;

    static {
        Shape secretKeySelector = object(Set.of("name", "key"), Map.of("name", string(), "key", string()));
        Shape localRef = object(Set.of("name"), Map.of("name", string()));

        Shape compression = object(Set.of(), Map.of(
                "compression", string(), "encryption", string(), "maxParallel", integer(),
                "immediateCheckpoint", bool(), "jobs", integer(), "additionalCommandArgs", any(),
                "archiveAdditionalCommandArgs", any(), "restoreAdditionalCommandArgs", any()));
        Shape barman = object(Set.of("destinationPath"), Map.ofEntries(
                Map.entry("destinationPath", string()), Map.entry("endpointURL", string()),
                Map.entry("endpointCA", secretKeySelector), Map.entry("serverName", string()),
                Map.entry("s3Credentials", object(Set.of(), Map.of(
                        "accessKeyId", secretKeySelector, "secretAccessKey", secretKeySelector,
                        "region", secretKeySelector, "sessionToken", secretKeySelector, "inheritFromIAMRole", bool()))),
                Map.entry("azureCredentials", any()), Map.entry("googleCredentials", any()),
                Map.entry("wal", compression), Map.entry("data", compression),
                Map.entry("tags", any()), Map.entry("historyTags", any())));
        Shape initdb = object(Set.of(), Map.ofEntries(
                Map.entry("database", string()), Map.entry("owner", string()), Map.entry("secret", localRef),
                Map.entry("dataChecksums", bool()), Map.entry("encoding", string()),
                Map.entry("localeCollate", string()), Map.entry("localeCType", string()),
                Map.entry("locale", string()), Map.entry("localeProvider", string()),
                Map.entry("icuLocale", string()), Map.entry("icuRules", string()), Map.entry("builtinLocale", string()),
                Map.entry("walSegmentSize", integer()), Map.entry("options", any()),
                Map.entry("postInitSQL", any()), Map.entry("postInitApplicationSQL", any()),
                Map.entry("postInitTemplateSQL", any()), Map.entry("postInitSQLRefs", any()),
                Map.entry("postInitApplicationSQLRefs", any()), Map.entry("postInitTemplateSQLRefs", any()),
                Map.entry("import", any())));
        Shape storage = object(Set.of(), Map.of("size", string(), "storageClass", string(),
                "resizeInUseVolumes", bool(), "pvcTemplate", any()));
        SPECS.put("postgresql.cnpg.io/v1/Cluster", object(Set.of("instances", "storage"), Map.ofEntries(
                Map.entry("affinity", any()), Map.entry("backup", object(Set.of(), Map.of(
                        "barmanObjectStore", barman, "retentionPolicy", string(), "target", string(),
                        "volumeSnapshot", any()))),
                Map.entry("bootstrap", object(Set.of(), Map.of("initdb", initdb, "recovery", any(), "pg_basebackup", any()))),
                Map.entry("certificates", any()), Map.entry("description", string()), Map.entry("enablePDB", bool()),
                Map.entry("enableSuperuserAccess", bool()), Map.entry("env", any()), Map.entry("envFrom", any()),
                Map.entry("ephemeralVolumeSource", any()), Map.entry("ephemeralVolumesSizeLimit", any()),
                Map.entry("externalClusters", any()), Map.entry("failoverDelay", integer()),
                Map.entry("imageCatalogRef", any()), Map.entry("imageName", string()),
                Map.entry("imagePullPolicy", string()), Map.entry("imagePullSecrets", any()),
                Map.entry("inheritedMetadata", any()), Map.entry("instances", integer()),
                Map.entry("livenessProbeTimeout", integer()), Map.entry("logLevel", string()),
                Map.entry("managed", any()), Map.entry("maxSyncReplicas", integer()), Map.entry("minSyncReplicas", integer()),
                Map.entry("monitoring", object(Set.of(), Map.of("enablePodMonitor", bool(), "customQueriesConfigMap", any(),
                        "customQueriesSecret", any(), "disableDefaultQueries", bool(), "podMonitorMetricRelabelings", any(),
                        "podMonitorRelabelings", any(), "tls", any()))),
                Map.entry("nodeMaintenanceWindow", any()), Map.entry("plugins", any()),
                Map.entry("postgresGID", integer()), Map.entry("postgresUID", integer()),
                Map.entry("postgresql", object(Set.of(), Map.of("parameters", stringMap(null), "pg_hba", any(),
                        "pg_ident", any(), "shared_preload_libraries", any(), "ldap", any(), "promotionTimeout", integer(),
                        "enableAlterSystem", bool(), "syncReplicaElectionConstraint", any(), "synchronous", any()))),
                Map.entry("primaryUpdateMethod", string()), Map.entry("primaryUpdateStrategy", string()),
                Map.entry("priorityClassName", string()), Map.entry("probes", any()),
                Map.entry("projectedVolumeTemplate", any()), Map.entry("replica", any()),
                Map.entry("replicationSlots", any()), Map.entry("resources", any()),
                Map.entry("schedulerName", string()), Map.entry("seccompProfile", any()),
                Map.entry("serviceAccountTemplate", any()), Map.entry("smartShutdownTimeout", integer()),
                Map.entry("startDelay", integer()), Map.entry("stopDelay", integer()), Map.entry("storage", storage),
                Map.entry("superuserSecret", localRef), Map.entry("switchoverDelay", integer()),
                Map.entry("tablespaces", any()), Map.entry("topologySpreadConstraints", any()),
                Map.entry("walStorage", storage), Map.entry("managedRoles", any()))));
        SPECS.put("postgresql.cnpg.io/v1/ScheduledBackup", object(Set.of("schedule", "cluster"), Map.of(
                "schedule", string(), "cluster", localRef, "backupOwnerReference", string(), "immediate", bool(),
                "suspend", bool(), "target", string(), "method", string(), "online", bool(),
                "onlineConfiguration", any(), "pluginConfiguration", any())));

        Shape kafkaMetadata = stringMap(Set.of("bootstrapServers", "consumerGroup", "topic", "lagThreshold",
                "activationLagThreshold", "offsetResetPolicy", "allowIdleConsumers", "excludePersistentLag",
                "scaleToZeroOnInvalidOffset", "limitToPartitionsWithLag", "ensureEvenDistributionOfPartitions",
                "partitionLimitation", "version", "sasl", "tls", "unsafeSsl", "saslTokenProvider"));
        Shape trigger = object(Set.of("type", "metadata"), Map.of("type", string(), "name", string(),
                "metadata", stringMap(null), "authenticationRef", object(Set.of("name"), Map.of("name", string(), "kind", string())),
                "metricType", string(), "useCachedMetrics", bool()));
        SPECS.put("keda.sh/v1alpha1/ScaledObject", object(Set.of("scaleTargetRef", "triggers"), Map.of(
                "scaleTargetRef", object(Set.of("name"), Map.of("name", string(), "apiVersion", string(), "kind", string(),
                        "envSourceContainerName", string())),
                "pollingInterval", integer(), "cooldownPeriod", integer(), "initialCooldownPeriod", integer(),
                "idleReplicaCount", integer(), "minReplicaCount", integer(), "maxReplicaCount", integer(),
                "advanced", any(), "fallback", any(), "triggers", listOf(trigger))));
        KAFKA_TRIGGER_METADATA = kafkaMetadata;
        SPECS.put("keda.sh/v1alpha1/TriggerAuthentication", object(Set.of(), Map.of(
                "secretTargetRef", listOf(object(Set.of("parameter", "name", "key"),
                        Map.of("parameter", string(), "name", string(), "key", string()))),
                "configMapTargetRef", any(), "env", any(), "hashiCorpVault", any(), "azureKeyVault", any(),
                "awsSecretManager", any(), "gcpSecretManager", any(), "podIdentity", any(), "boundServiceAccountToken", any())));

        Shape endpoint = object(Set.of(), Map.ofEntries(
                Map.entry("port", string()), Map.entry("targetPort", any()), Map.entry("path", string()),
                Map.entry("scheme", string()), Map.entry("params", any()), Map.entry("interval", string()),
                Map.entry("scrapeTimeout", string()), Map.entry("tlsConfig", any()), Map.entry("bearerTokenSecret", any()),
                Map.entry("authorization", any()), Map.entry("honorLabels", bool()), Map.entry("honorTimestamps", bool()),
                Map.entry("trackTimestampsStaleness", bool()), Map.entry("basicAuth", any()), Map.entry("oauth2", any()),
                Map.entry("metricRelabelings", any()), Map.entry("relabelings", any()), Map.entry("proxyUrl", string()),
                Map.entry("followRedirects", bool()), Map.entry("enableHttp2", bool()), Map.entry("filterRunning", bool())));
        SPECS.put("monitoring.coreos.com/v1/ServiceMonitor", object(Set.of("selector"), Map.ofEntries(
                Map.entry("selector", object(Set.of(), Map.of("matchLabels", stringMap(null), "matchExpressions", any()))),
                Map.entry("endpoints", listOf(endpoint)), Map.entry("namespaceSelector", any()),
                Map.entry("jobLabel", string()), Map.entry("targetLabels", any()), Map.entry("podTargetLabels", any()),
                Map.entry("sampleLimit", integer()), Map.entry("targetLimit", integer()), Map.entry("scrapeProtocols", any()),
                Map.entry("labelLimit", integer()), Map.entry("labelNameLengthLimit", integer()),
                Map.entry("labelValueLengthLimit", integer()), Map.entry("keepDroppedTargets", integer()),
                Map.entry("attachMetadata", any()), Map.entry("scrapeClass", string()), Map.entry("bodySizeLimit", string()))));
        // PrometheusRule: spec.groups[] (RuleGroup), each rule an alerting or a recording rule (Rule).
        Shape rule = object(Set.of("expr"), Map.of(
                "alert", string(), "record", string(), "expr", string(), "for", string(), "keep_firing_for", string(),
                "labels", stringMap(null), "annotations", stringMap(null)));
        Shape group = object(Set.of("name", "rules"), Map.of(
                "name", string(), "interval", string(), "rules", listOf(rule), "limit", integer(),
                "partial_response_strategy", string(), "query_offset", string(), "labels", stringMap(null)));
        SPECS.put("monitoring.coreos.com/v1/PrometheusRule", object(Set.of("groups"), Map.of("groups", listOf(group))));
    }

    private CrdSchemas() {
    }

    /** The spec shape of a hand-checked custom resource, or null when the kind is not one of them. */
    static Shape spec(String apiVersion, String kind) {
        return SPECS.get(apiVersion + "/" + kind);
    }

    static Set<String> kinds() {
        return SPECS.keySet();
    }
}
