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
import dev.atelier.testing.EventProbe;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

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
}
