package dev.atelier.gateway.storefront;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.gateway.GatewayTest;
import dev.atelier.gateway.SignInFlow;
import dev.atelier.gateway.SignInFlow.SignedIn;
import dev.atelier.gateway.StandIns;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The account pages of a signed-in shopper over real HTTP, with WireMock playing customer-service's
 * {@code /api/account/**} (and order-service's orders): each page is built from the API's answer fetched with the
 * shopper's token, each form posts through with the CSRF token and comes back with what happened, and a refusal
 * (problem+json) is shown as words, beside the field it names.
 */
class AccountPagesTest extends GatewayTest {

    private SignedIn shopper;

    @BeforeEach
    void signIn() throws Exception {
        shopper = new SignInFlow(base()).shopper(UUID.randomUUID());
    }

    @Test
    void showsTheProfileAndOrdersAndChangesTheName() throws Exception {
        StandIns.ORDER.stubFor(get(urlPathEqualTo("/api/account/orders")).willReturn(okJson("{\"items\":[]}")));
        StandIns.CUSTOMER.stubFor(get(urlPathEqualTo("/api/account/profile")).willReturn(okJson(PROFILE)));
        StandIns.CUSTOMER.stubFor(put(urlPathEqualTo("/api/account/profile")).willReturn(okJson(PROFILE)));

        Page account = page("/account");
        HttpResponse<String> changed = submit(account, "/account/profile", "displayName=Hannah+P.");

        assertThat(account.body()).contains("Your details", "Hannah Price", "2026-10-01", "No orders yet",
                "href=\"/account/addresses\"", "href=\"/account/wishlist\"", "href=\"/account/reminders\"",
                "href=\"/account/privacy\"");
        assertThat(changed.statusCode()).isEqualTo(303);
        assertThat(changed.headers().firstValue("Location")).hasValue("/account?done=name");
        StandIns.CUSTOMER.verify(putRequestedFor(urlPathEqualTo("/api/account/profile"))
                .withHeader("Authorization", equalTo("Bearer " + shopper.accessToken()))
                .withRequestBody(equalToJson("{\"displayName\":\"Hannah P.\"}")));
        assertThat(page("/account?done=name").body()).contains("Your name is changed.");
    }

    @Test
    void saysWhichFieldARefusedChangeNamed() throws Exception {
        StandIns.ORDER.stubFor(get(urlPathEqualTo("/api/account/orders")).willReturn(okJson("{\"items\":[]}")));
        StandIns.CUSTOMER.stubFor(get(urlPathEqualTo("/api/account/profile")).willReturn(okJson(PROFILE)));
        StandIns.CUSTOMER.stubFor(put(urlPathEqualTo("/api/account/profile")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json").withBody("""
                        {"status":400,"detail":"the request has invalid fields",
                         "errors":[{"field":"displayName","message":"must not be blank"}]}""")));

        HttpResponse<String> refused = submit(page("/account"), "/account/profile", "displayName=");

        assertThat(refused.headers().firstValue("Location").orElseThrow())
                .isEqualTo("/account?error=Your+name%3A+must+not+be+blank");
        assertThat(page(refused.headers().firstValue("Location").orElseThrow()).body())
                .contains("role=\"alert\">Your name: must not be blank");
    }

    @Test
    void showsThePostcodeRefusalBesideTheFieldAndKeepsWhatTheShopperTyped() throws Exception {
        StandIns.CUSTOMER.stubFor(get(urlPathEqualTo("/api/account/addresses")).willReturn(okJson("[]")));
        StandIns.CUSTOMER.stubFor(post(urlPathEqualTo("/api/account/addresses")).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/problem+json").withBody("""
                        {"type":"https://atelier.dev/problems/validation","title":"Invalid request","status":400,
                         "detail":"the request has invalid fields",
                         "errors":[{"field":"postcode","message":"'BA1 XYZ' is not a UK postcode (like SW1A 1AA)"}]}""")));

        Page empty = page("/account/addresses");
        HttpResponse<String> refused = submit(empty, "/account/addresses",
                "name=Hannah+Price&line1=1+High+Street&line2=&city=Bath&postcode=BA1+XYZ");

        assertThat(empty.body()).contains("No saved addresses yet");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"postcode-error\"", "&#39;BA1 XYZ&#39; is not a UK postcode",
                "value=\"1 High Street\"", "value=\"Bath\"", "aria-invalid=\"true\"");
        StandIns.CUSTOMER.verify(postRequestedFor(urlPathEqualTo("/api/account/addresses"))
                .withRequestBody(equalToJson("""
                        {"name":"Hannah Price","line1":"1 High Street","line2":null,"city":"Bath","postcode":"BA1 XYZ",
                         "country":"GB","isDefault":false}""")));
    }

    @Test
    void listsAddressesAddsOneAndMakesAnotherTheDefaultOrDeletesIt() throws Exception {
        String home = "0b7f1a2c-3d4e-4f50-8a61-7b8c9d0e1f20";
        String work = "1c8e2b3d-4e5f-4061-9b72-8c9d0e1f2a31";
        StandIns.CUSTOMER.stubFor(get(urlPathEqualTo("/api/account/addresses")).willReturn(okJson("""
                [{"id":"%s","name":"Hannah Price","line1":"1 High Street","line2":null,"city":"Bath",
                  "postcode":"BA1 1AA","country":"GB","isDefault":true},
                 {"id":"%s","name":"Hannah Price","line1":"2 Mill Lane","line2":"Unit 4","city":"Bristol",
                  "postcode":"BS1 4DJ","country":"GB","isDefault":false}]""".formatted(home, work))));
        StandIns.CUSTOMER.stubFor(post(urlPathEqualTo("/api/account/addresses"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{}")));
        StandIns.CUSTOMER.stubFor(put(urlPathEqualTo("/api/account/addresses/" + work + "/default"))
                .willReturn(okJson("{}")));
        StandIns.CUSTOMER.stubFor(delete(urlPathEqualTo("/api/account/addresses/" + home))
                .willReturn(aResponse().withStatus(204)));

        Page list = page("/account/addresses");
        HttpResponse<String> added = submit(list, "/account/addresses",
                "name=Hannah+Price&line1=3+Quay+St&city=Bath&postcode=ba11aa&isDefault=yes");
        HttpResponse<String> madeDefault = submit(list, "/account/addresses/" + work + "/default", "");
        HttpResponse<String> deleted = submit(list, "/account/addresses/" + home + "/delete", "");

        assertThat(list.body()).contains("1 High Street", "BA1 1AA", "2 Mill Lane", "Unit 4", "Default address",
                "action=\"/account/addresses/" + work + "/default\"")
                .doesNotContain("action=\"/account/addresses/" + home + "/default\"");
        assertThat(added.headers().firstValue("Location")).hasValue("/account/addresses?done=added");
        assertThat(madeDefault.headers().firstValue("Location")).hasValue("/account/addresses?done=default");
        assertThat(deleted.headers().firstValue("Location")).hasValue("/account/addresses?done=deleted");
        StandIns.CUSTOMER.verify(postRequestedFor(urlPathEqualTo("/api/account/addresses"))
                .withRequestBody(equalToJson("""
                        {"name":"Hannah Price","line1":"3 Quay St","line2":null,"city":"Bath","postcode":"ba11aa",
                         "country":"GB","isDefault":true}""")));
        StandIns.CUSTOMER.verify(deleteRequestedFor(urlPathEqualTo("/api/account/addresses/" + home))
                .withHeader("Authorization", equalTo("Bearer " + shopper.accessToken())));
    }

    @Test
    void listsTheWishlistWithTodaysPricesAndRemovesAnItem() throws Exception {
        StandIns.CUSTOMER.stubFor(get(urlPathEqualTo("/api/account/wishlist")).willReturn(okJson("""
                [{"sku":"MUG-XMAS-001","productId":"6a0e2f4c-8b1d-4e3a-9c57-d2f8b1a6e093",
                  "slug":"personalised-christmas-mug","name":"Personalised Christmas Mug","attributes":{"size":"11oz"},
                  "imageUrl":"/api/catalog/media/m1","price":{"amount":999,"currency":"GBP"},
                  "priceWhenAdded":{"amount":1299,"currency":"GBP"},"available":true,"addedAt":"2026-11-01T10:00:00Z"},
                 {"sku":"KEY-ENG-001","productId":"b3d9c1e7-2f4a-4b8d-a6e0-5c7f9d2b1a84","slug":"engraved-keyring",
                  "name":"Engraved Keyring","attributes":{},"imageUrl":null,"price":{"amount":800,"currency":"GBP"},
                  "priceWhenAdded":{"amount":800,"currency":"GBP"},"available":false,"addedAt":"2026-10-01T10:00:00Z"}]""")));
        StandIns.CUSTOMER.stubFor(delete(urlPathEqualTo("/api/account/wishlist/MUG-XMAS-001"))
                .willReturn(aResponse().withStatus(204)));

        Page wishlist = page("/account/wishlist");
        HttpResponse<String> removed = submit(wishlist, "/account/wishlist/MUG-XMAS-001/remove", "");

        assertThat(wishlist.body()).contains("Personalised Christmas Mug", "£9.99", "down from £12.99",
                "href=\"/products/personalised-christmas-mug\"", "Engraved Keyring", "No longer sold");
        assertThat(removed.headers().firstValue("Location")).hasValue("/account/wishlist?done=removed");
        StandIns.CUSTOMER.verify(deleteRequestedFor(urlPathEqualTo("/api/account/wishlist/MUG-XMAS-001")));
    }

    @Test
    void offersTheWishlistOnTheProductPageOnlyToASignedInShopperAndAddsTheChosenVariant() throws Exception {
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products/personalised-christmas-mug"))
                .willReturn(okJson(StorefrontPagesTest.MUG)));
        StandIns.CUSTOMER.stubFor(post(urlPathEqualTo("/api/account/wishlist")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{}")));

        HttpResponse<String> anonymous = send(request("/products/personalised-christmas-mug").GET());
        Page product = page("/products/personalised-christmas-mug");
        HttpResponse<String> added = submit(product, "/account/wishlist",
                "slug=personalised-christmas-mug&sku=MUG-XMAS-001&quantity=1&personalisation.name=");

        assertThat(anonymous.body()).doesNotContain("Add to wishlist").contains("Create an account");
        assertThat(product.body()).contains("formaction=\"/account/wishlist\"", "Add to wishlist", "Sign out");
        assertThat(added.headers().firstValue("Location"))
                .hasValue("/products/personalised-christmas-mug?wishlisted");
        StandIns.CUSTOMER.verify(postRequestedFor(urlPathEqualTo("/api/account/wishlist"))
                .withHeader("Authorization", equalTo("Bearer " + shopper.accessToken()))
                .withRequestBody(equalToJson("{\"sku\":\"MUG-XMAS-001\"}")));
        assertThat(page("/products/personalised-christmas-mug?wishlisted").body()).contains("Saved to");
    }

    @Test
    void addsAReminderForADayOfTheYearAndDeletesOne() throws Exception {
        String id = "2d9f3c4e-5f60-4172-8c83-9d0e1f2a3b42";
        StandIns.CUSTOMER.stubFor(get(urlPathEqualTo("/api/account/reminders")).willReturn(okJson("""
                [{"id":"%s","forWhom":"Mum","occasion":"MOTHERS_DAY","date":"03-14","daysBefore":7}]""".formatted(id))));
        StandIns.CUSTOMER.stubFor(post(urlPathEqualTo("/api/account/reminders")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{}")));
        StandIns.CUSTOMER.stubFor(delete(urlPathEqualTo("/api/account/reminders/" + id))
                .willReturn(aResponse().withStatus(204)));

        Page reminders = page("/account/reminders");
        HttpResponse<String> added = submit(reminders, "/account/reminders",
                "forWhom=Sam&occasion=BIRTHDAY&day=5&month=09&daysBefore=10");
        HttpResponse<String> deleted = submit(reminders, "/account/reminders/" + id + "/delete", "");

        assertThat(reminders.body()).contains("Mum", "Mother’s Day", "14 March", "7 days before");
        assertThat(added.headers().firstValue("Location")).hasValue("/account/reminders?done=added");
        assertThat(deleted.headers().firstValue("Location")).hasValue("/account/reminders?done=deleted");
        StandIns.CUSTOMER.verify(postRequestedFor(urlPathEqualTo("/api/account/reminders")).withRequestBody(
                equalToJson("{\"forWhom\":\"Sam\",\"occasion\":\"BIRTHDAY\",\"date\":\"09-05\",\"daysBefore\":10}")));
    }

    @Test
    void turnsMarketingOnShowsTheHistoryAndOffersTheExportOnceComplete() throws Exception {
        String ready = "3e0a4d5f-6071-4283-9d94-0e1f2a3b4c53";
        String waiting = "4f1b5e60-7182-4394-8ea5-1f2a3b4c5d64";
        StandIns.CUSTOMER.stubFor(get(urlPathEqualTo("/api/account/consent")).willReturn(okJson("""
                {"marketing":false,"history":[{"granted":true,"source":"signup","at":"2026-10-01T09:30:00Z"},
                 {"granted":false,"source":"account","at":"2026-11-02T18:05:00Z"}]}""")));
        StandIns.CUSTOMER.stubFor(put(urlPathEqualTo("/api/account/consent")).willReturn(okJson("{}")));
        StandIns.CUSTOMER.stubFor(get(urlPathEqualTo("/api/account/data-requests")).willReturn(okJson("""
                [{"id":"%s","kind":"EXPORT","requestedAt":"2026-11-22T08:00:00Z","complete":false,
                  "services":[{"service":"customer-service","status":"CONFIRMED"},{"service":"order-service","status":"AWAITED"}]},
                 {"id":"%s","kind":"EXPORT","requestedAt":"2026-11-20T08:00:00Z","complete":true,
                  "services":[{"service":"customer-service","status":"CONFIRMED"}]}]""".formatted(waiting, ready))));
        StandIns.CUSTOMER.stubFor(post(urlPathEqualTo("/api/account/data-export")).willReturn(aResponse()
                .withStatus(202).withHeader("Content-Type", "application/json")
                .withBody("{\"requestId\":\"" + waiting + "\",\"archiveUrl\":\"/api/account/data-export/" + waiting + "\"}")));
        StandIns.CUSTOMER.stubFor(get(urlPathEqualTo("/api/account/data-export/" + ready)).willReturn(okJson(
                "{\"requestId\":\"" + ready + "\",\"complete\":true,\"parts\":{\"customer-service\":{\"email\":\"hannah@example.co.uk\"}}}")));

        Page privacy = page("/account/privacy");
        HttpResponse<String> consented = submit(privacy, "/account/consent", "marketing=yes");
        HttpResponse<String> exported = submit(privacy, "/account/data-export", "");
        HttpResponse<String> archive = send(request("/account/data-export/" + ready)
                .header("Cookie", shopper.sessionCookie()).GET());

        assertThat(privacy.body()).contains("You do not receive marketing e-mails", "Send me news and offers",
                "2026-10-01 09:30", "signup", "Being prepared", "order-service …",
                "href=\"/account/data-export/" + ready + "\"")
                .doesNotContain("href=\"/account/data-export/" + waiting + "\"");
        assertThat(consented.headers().firstValue("Location")).hasValue("/account/privacy?done=consent");
        StandIns.CUSTOMER.verify(putRequestedFor(urlPathEqualTo("/api/account/consent"))
                .withRequestBody(equalToJson("{\"marketing\":true}")));
        assertThat(exported.headers().firstValue("Location")).hasValue("/account/privacy?done=export");
        StandIns.CUSTOMER.verify(postRequestedFor(urlPathEqualTo("/api/account/data-export"))
                .withHeader("Authorization", equalTo("Bearer " + shopper.accessToken())));
        assertThat(archive.statusCode()).isEqualTo(200);
        assertThat(archive.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("attachment", "atelier-data-" + ready + ".json");
        assertThat(archive.body()).contains("\"hannah@example.co.uk\"");
    }

    @Test
    void erasesOnlyAfterTheConfirmationAndThenSignsTheShopperOut() throws Exception {
        StandIns.CUSTOMER.stubFor(post(urlPathEqualTo("/api/account/erasure")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody("{\"requestId\":\"" + UUID.randomUUID() + "\"}")));

        Page confirm = page("/account/erasure");
        HttpResponse<String> unconfirmed = submit(confirm, "/account/erasure", "");
        HttpResponse<String> erased = submit(confirm, "/account/erasure", "confirm=yes");
        HttpResponse<String> after = send(request("/account").header("Cookie", shopper.sessionCookie()).GET());

        assertThat(confirm.body()).contains("This cannot be undone", "name=\"confirm\"");
        assertThat(unconfirmed.statusCode()).isEqualTo(400);
        assertThat(unconfirmed.body()).contains("Tick the box to confirm");
        assertThat(erased.statusCode()).isEqualTo(200);
        assertThat(erased.body()).contains("Your account is being erased").doesNotContain("Hannah Price");
        StandIns.CUSTOMER.verify(1, postRequestedFor(urlPathEqualTo("/api/account/erasure"))
                .withRequestBody(equalToJson("{\"confirm\":true}")));
        assertThat(after.statusCode()).as("the session ended with the account").isEqualTo(302);
    }

    @Test
    void explainsAnEmptyAccountAndAServiceThatDoesNotAnswer() throws Exception {
        StandIns.CUSTOMER.stubFor(get(urlPathEqualTo("/api/account/wishlist")).willReturn(okJson("[]")));
        StandIns.CUSTOMER.stubFor(get(urlPathEqualTo("/api/account/reminders")).willReturn(aResponse()
                .withStatus(503).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":503,\"detail\":\"customer-service is restarting; try again in a minute\"}")));

        assertThat(page("/account/wishlist").body()).contains("Your wishlist is empty");
        assertThat(page("/account/reminders").body()).contains("customer-service is restarting; try again in a minute");
    }

    private static final String PROFILE = """
            {"id":"5a2c6f71-8293-44a5-9fa6-2a3b4c5d6e75","email":"hannah@example.co.uk","displayName":"Hannah Price",
             "roles":["CUSTOMER"],"secondFactor":false,"createdAt":"2026-10-01T09:30:00Z"}""";

    /** A page the signed-in shopper opened, with what its forms need: the CSRF field and cookie. */
    private record Page(String body, String csrf, String xsrfCookie) {
    }

    private Page page(String path) throws Exception {
        HttpResponse<String> page = send(request(path).header("Cookie", shopper.sessionCookie()).GET());
        assertThat(page.statusCode()).as(path + ": " + page.body()).isEqualTo(200);
        Matcher field = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        String xsrf = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse("");
        return new Page(page.body(), field.find() ? field.group(1) : "", xsrf);
    }

    private HttpResponse<String> submit(Page from, String action, String form) throws Exception {
        return send(request(action).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", shopper.sessionCookie() + "; " + from.xsrfCookie())
                .POST(BodyPublishers.ofString("_csrf=" + URLEncoder.encode(from.csrf(), StandardCharsets.UTF_8)
                        + (form.isEmpty() ? "" : "&" + form))));
    }
}
