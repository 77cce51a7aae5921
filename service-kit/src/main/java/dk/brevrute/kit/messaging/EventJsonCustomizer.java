package dk.brevrute.kit.messaging;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.brevrute.events.EventJson;
import io.quarkus.jackson.ObjectMapperCustomizer;

/** Applies the contracts' JSON configuration to the service's ObjectMapper. */
@Singleton
public class EventJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        EventJson.configure(mapper);
    }
}
