package dk.brevrute.print.tariff;

import java.time.LocalDate;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.brevrute.events.TariffVersionPublished;

/** The tariff versions the print centre knows, by the date they are in force. */
@ApplicationScoped
public class Tariffs {

    private final TariffRepository repository;
    private final ObjectMapper mapper;

    Tariffs(TariffRepository repository, ObjectMapper mapper) {
        this.repository = repository;
        this.mapper = mapper;
    }

    /** In the caller's transaction. */
    public Optional<Tariff> inForce(LocalDate date) {
        return repository.inForce(date).map(v -> {
            try {
                return new Tariff(mapper.readValue(v.payload, TariffVersionPublished.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored tariff " + v.tariffId + " is not readable", e);
            }
        });
    }
}
