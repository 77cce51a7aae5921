package dk.brevrute.intake.letter;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class LetterRepository implements PanacheRepositoryBase<Letter, UUID> {

    public Optional<Letter> byReference(String department, String senderReference) {
        return find("department = ?1 and senderReference = ?2", department, senderReference).firstResultOptional();
    }
}
