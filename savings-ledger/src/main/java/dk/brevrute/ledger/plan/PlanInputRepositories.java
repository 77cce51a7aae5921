package dk.brevrute.ledger.plan;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

/** The latest row per year of each plan input. */
final class PlanInputRepositories {

    private PlanInputRepositories() {
    }

    @ApplicationScoped
    static class ActualInvestments implements PanacheRepository<PlanInputs.ActualInvestment> {
        List<PlanInputs.ActualInvestment> latestPerYear() {
            return list("from ActualInvestment e where e.id = (select max(x.id) from ActualInvestment x "
                    + "where x.year = e.year) order by e.year");
        }
    }

    @ApplicationScoped
    static class PriceIndices implements PanacheRepository<PlanInputs.PriceIndex> {
        List<PlanInputs.PriceIndex> latestPerYear() {
            return list("from PriceIndex e where e.id = (select max(x.id) from PriceIndex x "
                    + "where x.year = e.year) order by e.year");
        }
    }

    @ApplicationScoped
    static class PlanYears implements PanacheRepository<PlanInputs.PlanYearEntry> {
        List<PlanInputs.PlanYearEntry> latestPerYear() {
            return list("from PlanYearEntry e where e.id = (select max(x.id) from PlanYearEntry x "
                    + "where x.year = e.year) order by e.year");
        }
    }

    @ApplicationScoped
    static class MonthProfiles implements PanacheRepository<PlanInputs.MonthProfile> {
        List<PlanInputs.MonthProfile> latestPerYear() {
            return list("from MonthProfile e where e.id = (select max(x.id) from MonthProfile x "
                    + "where x.year = e.year) order by e.year");
        }
    }
}
