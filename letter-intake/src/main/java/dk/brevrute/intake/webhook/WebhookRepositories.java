package dk.brevrute.intake.webhook;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

final class WebhookRepositories {

    private WebhookRepositories() {
    }

    @ApplicationScoped
    static class Subscriptions implements PanacheRepositoryBase<WebhookSubscription, UUID> {

        List<WebhookSubscription> active() {
            return list("active = true");
        }

        List<WebhookSubscription> ofDepartment(String department) {
            return list("department = ?1 order by createdAt", department);
        }
    }

    @ApplicationScoped
    static class Deliveries implements PanacheRepository<WebhookDelivery> {

        List<WebhookDelivery> log(UUID subscriptionId, int page, int size) {
            return find("subscriptionId", Sort.descending("id"), subscriptionId).page(Page.of(page, size)).list();
        }
    }
}
