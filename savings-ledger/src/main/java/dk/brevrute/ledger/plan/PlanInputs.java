package dk.brevrute.ledger.plan;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Table;

/** What finance enters about the plan; append-only, the latest row of a year counts. */
final class PlanInputs {

    private PlanInputs() {
    }

    /** What every input has: the year it is for, and who entered it when (the database's clock). */
    @MappedSuperclass
    abstract static class YearInput {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(nullable = false)
        int year;
        @Column(name = "entered_by", nullable = false)
        String enteredBy;
        @Column(name = "entered_at", nullable = false, insertable = false, updatable = false)
        Instant enteredAt;
    }

    /** Money actually invested in a year (DKK, positive = spent). */
    @Entity(name = "ActualInvestment")
    @Table(name = "actual_investment")
    static class ActualInvestment extends YearInput {
        @Column(name = "amount_dkk", nullable = false)
        BigDecimal amountDkk;
        String note;
    }

    /** A year's price index; the plan's first year is the base (100 unless entered). */
    @Entity(name = "PriceIndex")
    @Table(name = "price_index")
    static class PriceIndex extends YearInput {
        @Column(name = "index_value", nullable = false)
        BigDecimal indexValue;
    }

    /** A plan year after Table 1 (t.kr. at 2009 prices, negative = cost). */
    @Entity(name = "PlanYearEntry")
    @Table(name = "plan_year")
    static class PlanYearEntry extends YearInput {
        @Column(name = "from_investment_pool", nullable = false)
        BigDecimal fromInvestmentPool;
        @Column(name = "from_departments", nullable = false)
        BigDecimal fromDepartments;
        @Column(name = "gain_total", nullable = false)
        BigDecimal gainTotal;
    }

    /** How a year's plan spreads over its months: twelve weights separated by ';'. */
    @Entity(name = "MonthProfile")
    @Table(name = "month_profile")
    static class MonthProfile extends YearInput {
        @Column(nullable = false)
        String weights;
    }
}
