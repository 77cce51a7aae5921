package dk.brevrute.testinfra;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import dk.brevrute.events.Department;
import dk.brevrute.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates every topic of the catalogue up front, with its cleanup policy, retention and size limit. */
public final class TopicCatalogueAdmin {

    private TopicCatalogueAdmin() {
    }

    /** Creates the missing topics; returns how many were created. */
    public static int createAll(String bootstrapServers, List<Department> departments, int partitions) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "brevrute-topic-admin");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = Topics.catalogue(departments).stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> newTopic(t, partitions))
                    .toList();
            if (missing.isEmpty()) {
                return 0;
            }
            try {
                admin.createTopics(missing).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            return missing.size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create topics on " + bootstrapServers, e.getCause());
        }
    }

    static NewTopic newTopic(Topics.TopicSpec spec, int partitions) {
        Map<String, String> config = new HashMap<>();
        config.put("cleanup.policy", spec.compacted() ? "compact" : "delete");
        config.put("retention.ms", String.valueOf(spec.retentionMs()));
        config.put("max.message.bytes", String.valueOf(spec.maxMessageBytes()));
        return new NewTopic(spec.name(), partitions, (short) 1).configs(config);
    }
}
