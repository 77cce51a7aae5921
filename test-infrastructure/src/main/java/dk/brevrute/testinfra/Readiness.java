package dk.brevrute.testinfra;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a service's {@code /q/health/ready} and checks that it reports Kafka and the database UP. */
public final class Readiness {

    private Readiness() {
    }

    /** Throws {@link AssertionError} unless the service is ready with database and Kafka checks UP. */
    public static void assertReadyWithKafkaAndDatabase(URL readyUrl) {
        JsonNode health = fetch(readyUrl);
        List<String> names = new ArrayList<>();
        for (JsonNode check : health.path("checks")) {
            names.add(check.path("name").asText() + "=" + check.path("status").asText());
        }
        if (!"UP".equals(health.path("status").asText())) {
            throw new AssertionError("not ready: " + names);
        }
        if (names.stream().noneMatch(n -> n.toLowerCase().contains("database") && n.endsWith("=UP"))) {
            throw new AssertionError("no database readiness check: " + names);
        }
        if (names.stream().noneMatch(n -> n.toLowerCase().contains("kafka") && n.endsWith("=UP"))) {
            throw new AssertionError("no Kafka readiness check: " + names);
        }
    }

    static JsonNode fetch(URL url) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url.toString()))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("cannot read " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
