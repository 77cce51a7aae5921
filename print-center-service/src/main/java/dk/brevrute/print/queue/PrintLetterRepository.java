package dk.brevrute.print.queue;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class PrintLetterRepository implements PanacheRepositoryBase<PrintLetter, UUID> {

    long waiting() {
        return count("status", PrintLetter.Status.WAITING);
    }
}
