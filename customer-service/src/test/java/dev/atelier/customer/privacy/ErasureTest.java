package dev.atelier.customer.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.customer.Accounts;
import dev.atelier.customer.Api;
import dev.atelier.customer.Browser;
import dev.atelier.customer.CustomerTest;
import dev.atelier.customer.Oidc;
import dev.atelier.customer.Tokens;
import dev.atelier.customer.account.AccountStatus;
import dev.atelier.customer.account.Customer;
import dev.atelier.customer.account.Customers;
import dev.atelier.customer.account.Role;
import dev.atelier.events.Topics;
import dev.atelier.events.customer.CustomerDataExportRequested;
import dev.atelier.events.customer.CustomerErasureRequested;
import dev.atelier.testing.EventProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Export assembles the customer's data; erasure leaves no e-mail, name or address in any table of this service. */
@CustomerTest
class ErasureTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Customers customers;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anExportHoldsTheAccountsDataAndTellsTheOtherServices() {
        Customer customer = accounts.anActiveCustomer(Accounts.uniqueEmail("export"));
        Api api = new Api(port);
        String token = tokens.customer(customer.id());
        api.post("/api/account/addresses", token, """
                {"name": "Export Me", "line1": "5 Castle Road", "city": "Cardiff", "postcode": "CF10 1BH"}""");
        try (EventProbe probe = EventProbe.on(Topics.CUSTOMER_CUSTOMER)) {
            Api.Answer requested = api.post("/api/account/data-export", token, null);
            assertThat(requested.status()).isEqualTo(202);
            String id = requested.body().path("requestId").asString();
            probe.awaitEvent(CustomerDataExportRequested.class, e -> e.requestId().toString().equals(id),
                    Duration.ofSeconds(30));
            JsonNode archive = api.get("/api/account/data-export/" + id, token).body();
            JsonNode own = archive.path("parts").path("customer-service");
            assertThat(own.path("account").path("email").asString()).isEqualTo(customer.email());
            assertThat(own.path("addresses").get(0).path("line1").asString()).isEqualTo("5 Castle Road");
            assertThat(archive.path("confirmations").has("customer-service")).isTrue();
        }
    }

    @Test
    void afterErasureNoTableHoldsTheEmailNameOrAddress() {
        String name = "Philippa Quayle-" + UUID.randomUUID().toString().substring(0, 6);
        Customer customer = accounts.create(Accounts.uniqueEmail("forget-me"), name, AccountStatus.ACTIVE,
                Set.of(Role.CUSTOMER));
        Api api = new Api(port);
        String token = tokens.customer(customer.id());
        String street = "17 Juniper Crescent " + UUID.randomUUID().toString().substring(0, 4);
        api.post("/api/account/addresses", token, """
                {"name": "%s", "line1": "%s", "city": "Norwich", "postcode": "NR2 4TE"}""".formatted(name, street));
        api.put("/api/account/consent", token, "{\"marketing\": true}");
        api.post("/api/account/data-export", token, null);
        new Oidc(port).signIn(new Browser(port, "192.0.2.90"), Map.of("email", customer.email(), "password",
                Accounts.PASSWORD));
        assertThat(textColumnsContaining(customer.email())).isNotEmpty();

        try (EventProbe probe = EventProbe.on(Topics.CUSTOMER_CUSTOMER)) {
            assertThat(api.post("/api/account/erasure", token, "{}").status()).isEqualTo(400);
            Api.Answer erased = api.post("/api/account/erasure", token, "{\"confirm\": true}");
            assertThat(erased.status()).isEqualTo(202);
            CustomerErasureRequested event = probe.awaitEvent(CustomerErasureRequested.class,
                    e -> e.customerId().equals(customer.id()), Duration.ofSeconds(30));
            assertThat(event.email()).isEqualTo(customer.email());
        }
        // the relay deletes the outbox row (which carried the e-mail to the other services) once Kafka has it
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> textColumnsContaining(customer.email()).isEmpty());
        assertThat(textColumnsContaining(name)).isEmpty();
        assertThat(textColumnsContaining(street)).isEmpty();
        assertThat(customers.byId(customer.id()).orElseThrow().status()).isEqualTo(AccountStatus.ERASED);
        // the consent history stays as proof, ending with the withdrawal the erasure made
        assertThat(jdbc.sql("SELECT granted || ':' || source FROM marketing_consent WHERE customer_id = ? ORDER BY id")
                .param(customer.id()).query(String.class).list()).containsExactly("true:account", "false:erasure");
        assertThat(new Browser(port, "192.0.2.91").submit("/login", "/login", Map.of("email", customer.email(),
                "password", Accounts.PASSWORD)).headers().firstValue("Location").orElseThrow()).contains("error=credentials");
        assertThat(api.get("/api/account/profile", token).status()).isEqualTo(404);
    }

    /** Every text-like column of every table of this service's schema that contains {@code needle}. */
    private List<String> textColumnsContaining(String needle) {
        List<String> found = new ArrayList<>();
        jdbc.sql("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')
                """).query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).list().forEach(column -> {
            String sql = "SELECT count(*) FROM \"" + column.get(0) + "\" WHERE position(lower(?) IN lower(\""
                    + column.get(1) + "\"::text)) > 0";
            Integer count = jdbc.sql(sql).param(needle).query(Integer.class).single();
            if (count > 0) {
                found.add(column.get(0) + "." + column.get(1));
            }
        });
        return found;
    }
}
