package dev.atelier.customer.consent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.customer.Accounts;
import dev.atelier.customer.Api;
import dev.atelier.customer.CustomerTest;
import dev.atelier.customer.Tokens;
import dev.atelier.customer.account.Customer;
import dev.atelier.events.EventCatalog;
import dev.atelier.events.Topics;
import dev.atelier.events.customer.CustomerErasureRequested;
import dev.atelier.events.customer.MarketingConsentChanged;
import dev.atelier.events.notification.EmailSubscriptionConfirmed;
import dev.atelier.events.notification.EmailUnsubscribed;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every real change of marketing consent is published (for notification-service), a repeat never. */
@CustomerTest
class MarketingConsentTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Value("${local.server.port}")
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void eachChangeIsPublishedOnceAndARepeatNotAtAll() {
        Customer customer = accounts.anActiveCustomer(Accounts.uniqueEmail("consent"));
        String token = tokens.customer(customer.id());
        Api api = new Api(port);
        try (EventProbe probe = EventProbe.on(Topics.CUSTOMER_CUSTOMER)) {
            assertThat(api.put("/api/account/consent", token, "{\"marketing\": false}").status()).isEqualTo(200);
            api.put("/api/account/consent", token, "{\"marketing\": true}");
            api.put("/api/account/consent", token, "{\"marketing\": true}");
            assertThat(api.put("/api/account/consent", token, "{\"marketing\": false}").body().path("history").size())
                    .isEqualTo(3);
            api.put("/api/account/consent", token, "{\"marketing\": false}");
            api.put("/api/account/consent", token, "{\"marketing\": true}");

            probe.awaitRecords(3, r -> customer.id().toString().equals(r.key()), DEADLINE);
            // the same key keeps the order; the last change has arrived, so any repeat would have arrived before it
            List<MarketingConsentChanged> changes = probe.events(MarketingConsentChanged.class).stream()
                    .filter(e -> e.customerId().equals(customer.id())).toList();
            assertThat(changes).extracting(MarketingConsentChanged::granted).containsExactly(true, false, true);
            assertThat(changes).allSatisfy(change -> {
                assertThat(change.email()).isEqualTo(customer.email());
                assertThat(change.source()).isEqualTo("account");
            });
        }
    }

    @Test
    void erasureWithdrawsConsentBeforeTheErasureRequestLeaves() {
        Customer customer = accounts.anActiveCustomer(Accounts.uniqueEmail("consent-erased"));
        String token = tokens.customer(customer.id());
        Api api = new Api(port);
        try (EventProbe probe = EventProbe.on(Topics.CUSTOMER_CUSTOMER)) {
            api.put("/api/account/consent", token, "{\"marketing\": true}");
            api.post("/api/account/erasure", token, "{\"confirm\": true}");
            probe.awaitEvent(CustomerErasureRequested.class, e -> e.customerId().equals(customer.id()), DEADLINE);
            List<String> types = probe.records().stream().filter(r -> customer.id().toString().equals(r.key()))
                    .map(r -> EventProbe.header(r, "eventType")).toList();
            String consent = EventCatalog.standard().typeOf(MarketingConsentChanged.class).name();
            String erasure = EventCatalog.standard().typeOf(CustomerErasureRequested.class).name();
            assertThat(types).containsExactly(consent, consent, erasure);
            MarketingConsentChanged withdrawn = probe.events(MarketingConsentChanged.class).stream()
                    .filter(e -> e.customerId().equals(customer.id())).toList().getLast();
            assertThat(withdrawn.granted()).isFalse();
            assertThat(withdrawn.source()).isEqualTo("erasure");
            assertThat(withdrawn.email()).isEqualTo(customer.email());
        }
    }

    @Test
    void answersGivenAtNotificationReachTheAccountsHistoryOnceAndAnOverTakenOneChangesNothing() {
        Customer customer = accounts.anActiveCustomer(Accounts.uniqueEmail("unsubscribed"));
        String token = tokens.customer(customer.id());
        Api api = new Api(port);
        try (EventProbe probe = EventProbe.on(Topics.CUSTOMER_CUSTOMER);
                EventPublisher notification = EventPublisher.toSharedBroker()) {
            api.put("/api/account/consent", token, "{\"marketing\": true}");
            probe.awaitEvent(MarketingConsentChanged.class, e -> e.customerId().equals(customer.id()), DEADLINE);
            Instant unsubscribedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            EmailUnsubscribed unsubscribed = new EmailUnsubscribed(customer.email().toUpperCase(Locale.ROOT), null,
                    "one-click-unsubscribe", unsubscribedAt);
            UUID first = notification.publish(unsubscribed);
            notification.publish(unsubscribed, first);
            notification.publish(unsubscribed);
            UUID guest = notification.publish(new EmailUnsubscribed(Accounts.uniqueEmail("guest"), null,
                    "one-click-unsubscribe", unsubscribedAt));
            notification.publish(new EmailSubscriptionConfirmed(customer.email(), customer.id(), "double-opt-in",
                    unsubscribedAt.plusSeconds(5)));
            probe.awaitEvent(MarketingConsentChanged.class, e -> e.customerId().equals(customer.id())
                    && e.source().equals("notification-double-opt-in"), DEADLINE);
            // older than the account's latest answer: overtaken, nothing changes
            UUID late = notification.publish(new EmailUnsubscribed(customer.email(), customer.id(),
                    "one-click-unsubscribe", unsubscribedAt.plusSeconds(2)));
            Awaitility.await().atMost(DEADLINE).until(() -> handled(late) && handled(guest));

            // one key per customer keeps the order: the re-grant arrived, so a repeated withdrawal would have too
            List<MarketingConsentChanged> changes = probe.events(MarketingConsentChanged.class).stream()
                    .filter(e -> e.customerId().equals(customer.id())).toList();
            assertThat(changes).extracting(e -> e.granted() + " " + e.source() + " " + e.changedAt()).containsExactly(
                    "true account " + changes.getFirst().changedAt(),
                    "false notification-unsubscribe " + unsubscribedAt,
                    "true notification-double-opt-in " + unsubscribedAt.plusSeconds(5));
            assertThat(changes).allSatisfy(e -> assertThat(e.email()).isEqualTo(customer.email()));
            var history = api.get("/api/account/consent", token).body();
            assertThat(history.path("marketing").asBoolean()).isTrue();
            assertThat(history.path("history").valueStream().map(h -> h.path("granted").asBoolean() + " "
                    + h.path("source").asString()))
                    .containsExactly("true notification-double-opt-in", "false notification-unsubscribe", "true account");
        }
    }

    private boolean handled(UUID eventId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM inbox WHERE event_id = ?)",
                Boolean.class, eventId));
    }
}
