package dev.atelier.customer.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.customer.Accounts;
import dev.atelier.customer.Api;
import dev.atelier.customer.Browser;
import dev.atelier.customer.CustomerTest;
import dev.atelier.customer.Tokens;
import dev.atelier.customer.account.Customer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** Staff's customer API: search with cursor pages, lock and unlock, roles (ADMIN only). */
@CustomerTest
class AdminApiTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Tokens tokens;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void staffSearchCustomersPageByPage() {
        String tag = "page" + UUID.randomUUID().toString().substring(0, 6);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(accounts.anActiveCustomer(tag + "-" + i + "@example.co.uk").email());
        }
        String staff = tokens.staff(UUID.randomUUID());
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/api/admin/customers?q=" + tag + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor), staff).body();
            page.path("items").forEach(item -> seen.add(item.path("email").asString()));
            cursor = page.path("nextCursor").isNull() || page.path("nextCursor").isMissingNode() ? null
                    : page.path("nextCursor").asString();
        } while (cursor != null && seen.size() < 10);
        assertThat(seen).containsExactlyElementsOf(created.reversed());

        assertThat(api.get("/api/admin/customers?cursor=forged", staff).status()).isEqualTo(400);
        assertThat(api.get("/api/admin/customers?limit=0", staff).status()).isEqualTo(400);
    }

    @Test
    void aLockedAccountCannotSignInUntilUnlocked() {
        Customer customer = accounts.anActiveCustomer(Accounts.uniqueEmail("lockme"));
        String staff = tokens.staff(UUID.randomUUID());
        Api.Answer locked = api.post("/api/admin/customers/" + customer.id() + "/lock", staff, null);
        assertThat(locked.status()).isEqualTo(200);
        assertThat(locked.body().path("status").asString()).isEqualTo("LOCKED");
        assertThat(api.post("/api/admin/customers/" + customer.id() + "/lock", staff, null).status()).isEqualTo(409);
        assertThat(signIn(customer)).contains("error=locked");

        api.post("/api/admin/customers/" + customer.id() + "/unlock", staff, null);
        assertThat(signIn(customer)).doesNotContain("error");
        JsonNode detail = api.get("/api/admin/customers/" + customer.id(), staff).body();
        assertThat(detail.path("recentSignIns").get(0).path("result").asString()).isEqualTo("SUCCESS");
        assertThat(api.get("/api/admin/customers/" + UUID.randomUUID(), staff).status()).isEqualTo(404);
    }

    @Test
    void onlyAnAdminChangesRoles() {
        Customer customer = accounts.anActiveCustomer(Accounts.uniqueEmail("promote"));
        String path = "/api/admin/customers/" + customer.id() + "/roles";
        assertThat(api.put(path, tokens.staff(UUID.randomUUID()), "{\"roles\": [\"STAFF\"]}").status()).isEqualTo(403);
        Api.Answer promoted = api.put(path, tokens.admin(UUID.randomUUID()), "{\"roles\": [\"STAFF\"]}");
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.body().path("roles").toString()).isEqualTo("[\"CUSTOMER\",\"STAFF\"]");
        Api.Answer unknown = api.put(path, tokens.admin(UUID.randomUUID()), "{\"roles\": [\"OWNER\"]}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("detail").asString()).contains("OWNER");
    }

    private String signIn(Customer customer) {
        return new Browser(port, "192.0.2.120").submit("/login", "/login", Map.of("email", customer.email(),
                "password", Accounts.PASSWORD)).headers().firstValue("Location").orElseThrow();
    }
}
