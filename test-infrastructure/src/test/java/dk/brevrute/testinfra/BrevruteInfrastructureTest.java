package dk.brevrute.testinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import dk.brevrute.events.Department;
import dk.brevrute.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class BrevruteInfrastructureTest {

    @Test
    void startsRealKafkaAndPostgresOnceWithTheCatalogueTopics() throws Exception {
        BrevruteInfrastructure.Endpoints first = BrevruteInfrastructure.start();
        BrevruteInfrastructure.Endpoints second = BrevruteInfrastructure.start();
        assertEquals(first, second, "a second start reuses the running servers");

        Properties admin = new Properties();
        admin.put("bootstrap.servers", first.bootstrapServers());
        try (Admin client = Admin.create(admin)) {
            Set<String> names = client.listTopics().names().get();
            for (Topics.TopicSpec spec : Topics.catalogue(Department.defaults())) {
                assertTrue(names.contains(spec.name()), "topic created up front: " + spec.name());
            }
            ConfigResource registrations = new ConfigResource(ConfigResource.Type.TOPIC, Topics.REGISTRATIONS_CHANGED);
            Map<ConfigResource, Config> configs = client.describeConfigs(List.of(registrations)).all().get();
            assertEquals("compact", configs.get(registrations).get("cleanup.policy").value());
        }

        String topic = Topics.LETTERS_SUBMITTED;
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, first.bootstrapServers());
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "hello")).get();
        }
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, first.bootstrapServers());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "infra-test");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            String seen = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    seen = r.value();
                }
            }
            assertEquals("hello", seen);
        }

        try (Connection c = DriverManager.getConnection(first.jdbcUrl(), first.username(), first.password());
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE probe (id int primary key)");
            st.execute("INSERT INTO probe VALUES (42)");
            try (ResultSet rs = st.executeQuery("SELECT id, current_setting('server_version_num')::int AS v FROM probe")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt("id"));
                assertTrue(rs.getInt("v") >= 150000, "a real PostgreSQL server");
            }
        }
    }
}
