package dev.atelier.customer.address;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.customer.Accounts;
import dev.atelier.customer.Api;
import dev.atelier.customer.CustomerTest;
import dev.atelier.customer.Tokens;
import dev.atelier.customer.account.Customer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** The account API over HTTP with the customer's token: profile, addresses, consent. */
@CustomerTest
class AccountApiTest {

    static final String HOME = """
            {"name": "Hannah Price", "line1": "12 Rosemary Lane", "city": "York", "postcode": "yo1 7hh"}""";
    static final String WORK = """
            {"name": "Hannah Price", "line1": "3 Mill Street", "line2": "Unit 4", "city": "Leeds", "postcode": "LS1 4DY",
             "isDefault": true}""";

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
    void theProfileIsTheTokensSubjects() {
        Customer customer = accounts.anActiveCustomer(Accounts.uniqueEmail("profile"));
        String token = tokens.customer(customer.id());
        Api.Answer profile = api.get("/api/account/profile", token);
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.body().path("email").asString()).isEqualTo(customer.email());

        Api.Answer renamed = api.put("/api/account/profile", token, "{\"displayName\": \"Hannah P.\"}");
        assertThat(renamed.body().path("displayName").asString()).isEqualTo("Hannah P.");
        Api.Answer blank = api.put("/api/account/profile", token, "{\"displayName\": \" \"}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body().path("errors").get(0).path("field").asString()).isEqualTo("displayName");
    }

    @Test
    void addressesKeepOneDefaultAndCheckTheUkPostcode() {
        Customer customer = accounts.anActiveCustomer(Accounts.uniqueEmail("addresses"));
        String token = tokens.customer(customer.id());
        Api.Answer home = api.post("/api/account/addresses", token, HOME);
        assertThat(home.status()).isEqualTo(201);
        assertThat(home.body().path("postcode").asString()).isEqualTo("YO1 7HH");
        assertThat(home.body().path("isDefault").asBoolean()).isTrue();

        Api.Answer work = api.post("/api/account/addresses", token, WORK);
        assertThat(work.body().path("isDefault").asBoolean()).isTrue();
        JsonNode list = api.get("/api/account/addresses", token).body();
        assertThat(list.size()).isEqualTo(2);
        assertThat(list.get(0).path("line1").asString()).isEqualTo("3 Mill Street");
        assertThat(list.get(1).path("isDefault").asBoolean()).isFalse();

        api.delete("/api/account/addresses/" + work.body().path("id").asString(), token);
        JsonNode after = api.get("/api/account/addresses", token).body();
        assertThat(after.size()).isEqualTo(1);
        assertThat(after.get(0).path("isDefault").asBoolean()).isTrue();

        Api.Answer badPostcode = api.post("/api/account/addresses", token, HOME.replace("yo1 7hh", "12345"));
        assertThat(badPostcode.status()).isEqualTo(400);
        assertThat(badPostcode.contentType()).startsWith("application/problem+json");
        assertThat(badPostcode.body().path("errors").get(0).path("field").asString()).isEqualTo("postcode");
        assertThat(api.post("/api/account/addresses", token, HOME.replace("\"city\"", "\"country\": \"FR\", \"city\""))
                .status()).isEqualTo(400);
        assertThat(api.get("/api/account/addresses", token).body().size()).isEqualTo(1);
    }

    @Test
    void ukPostcodesInEveryFormatAreAcceptedAndOthersRefused() {
        assertThat(UkPostcode.normalise("sw1a1aa")).contains("SW1A 1AA");
        assertThat(UkPostcode.normalise("M1 1AE")).contains("M1 1AE");
        assertThat(UkPostcode.normalise("B33 8TH")).contains("B33 8TH");
        assertThat(UkPostcode.normalise("CR2 6XH")).contains("CR2 6XH");
        assertThat(UkPostcode.normalise("DN55 1PT")).contains("DN55 1PT");
        assertThat(UkPostcode.normalise("W1A 0AX")).contains("W1A 0AX");
        assertThat(UkPostcode.normalise("EC1A 1BB")).contains("EC1A 1BB");
        assertThat(UkPostcode.normalise("QQ1 1AA")).isEmpty();
        assertThat(UkPostcode.normalise("75001")).isEmpty();
        assertThat(UkPostcode.normalise("SW1A 1AAA")).isEmpty();
    }

    @Test
    void consentStartsRefusedAndKeepsItsHistory() {
        Customer customer = accounts.anActiveCustomer(Accounts.uniqueEmail("consent"));
        String token = tokens.customer(customer.id());
        assertThat(api.get("/api/account/consent", token).body().path("marketing").asBoolean()).isFalse();
        api.put("/api/account/consent", token, "{\"marketing\": true}");
        api.put("/api/account/consent", token, "{\"marketing\": true}");
        JsonNode withdrawn = api.put("/api/account/consent", token, "{\"marketing\": false}").body();
        assertThat(withdrawn.path("marketing").asBoolean()).isFalse();
        assertThat(withdrawn.path("history").size()).isEqualTo(2);
        assertThat(withdrawn.path("history").get(1).path("granted").asBoolean()).isTrue();
        assertThat(api.put("/api/account/consent", token, "{}").status()).isEqualTo(400);
    }
}
