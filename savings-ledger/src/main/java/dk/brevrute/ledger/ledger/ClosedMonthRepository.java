package dk.brevrute.ledger.ledger;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class ClosedMonthRepository implements PanacheRepositoryBase<ClosedMonth, LocalDate> {

    List<LocalDate> closedFrom(LocalDate month) {
        return getEntityManager().createQuery("select c.month from ClosedMonth c where c.month >= ?1 order by c.month", LocalDate.class)
                .setParameter(1, month).getResultList();
    }

    List<ClosedMonth> allByMonth() {
        return list("order by month");
    }
}
