package dev.atelier.gateway.storefront;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.gateway.GatewayTest;
import dev.atelier.gateway.StandIns;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * After "Place order": the wait page follows the saga (order-service's event stream relayed as the next address)
 * and sends the shopper to the payment page; without JavaScript it reloads itself and the server sends it on.
 * Coming back from the payment page's cancel button shows what happened.
 */
class WaitPageTest extends GatewayTest {

    private static final String ORDER_ID = "4d9c2b1a-7e6f-4a5b-9c8d-0e1f2a3b4c5d";
    private static final String PAY_URL = "http://localhost:8080/pay/sandbox/cs_test_1";

    private static String order(String status, String extra) {
        return "{\"orderId\":\"" + ORDER_ID + "\",\"orderNumber\":\"AT-2026-000042\",\"status\":\"" + status + "\","
                + "\"lines\":[],\"totals\":{\"total\":{\"amount\":1499,\"currency\":\"GBP\"},"
                + "\"tax\":{\"amount\":250,\"currency\":\"GBP\"}}" + extra + "}";
    }

    @Test
    void placingTheOrderLeadsToTheWaitPage() throws Exception {
        StandIns.CART.stubFor(get(urlPathEqualTo("/api/cart")).willReturn(okJson("{\"lines\":[]}")));
        StandIns.ORDER.stubFor(post(urlPathEqualTo("/api/checkout")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody("{\"orderId\":\"" + ORDER_ID
                        + "\",\"orderToken\":\"tok+1\",\"statusUrl\":\"/api/orders/" + ORDER_ID + "\"}")));
        HttpResponse<String> form = send(request("/checkout").GET());
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).isTrue();
        String xsrf = form.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();

        HttpResponse<String> placed = send(request("/checkout")
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", xsrf)
                .POST(BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)
                        + "&email=a%40example.com&name=A&line1=1+High+St&city=Bath&postcode=BA1+1AA"
                        + "&shippingOption=standard&paymentMethod=card")));

        assertThat(placed.statusCode()).isEqualTo(303);
        assertThat(placed.headers().firstValue("Location")).hasValue("/orders/" + ORDER_ID + "/wait?token=tok%2B1");
    }

    @Test
    void theWaitPageFollowsTheOrderAndReloadsItselfWithoutJavaScript() throws Exception {
        StandIns.ORDER.stubFor(get(urlPathEqualTo("/api/orders/" + ORDER_ID)).willReturn(okJson(order("PLACED", ""))));

        HttpResponse<String> page = send(request("/orders/" + ORDER_ID + "/wait?token=t1").GET());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Placing your order", "AT-2026-000042",
                "data-follow=\"/orders/" + ORDER_ID + "/events?token=t1\"", "data-follow-mode=\"go\"",
                "<noscript><meta http-equiv=\"refresh\" content=\"3\"></noscript>", "src=\"/js/wait.js\"");
        StandIns.ORDER.verify(getRequestedFor(urlPathEqualTo("/api/orders/" + ORDER_ID))
                .withHeader("X-Order-Token", equalTo("t1")));
    }

    @Test
    void theWaitPageSendsTheShopperToThePaymentPageOnceItIsKnown() throws Exception {
        StandIns.ORDER.stubFor(get(urlPathEqualTo("/api/orders/" + ORDER_ID)).willReturn(okJson(
                order("AWAITING_PAYMENT", ",\"paymentRedirectUrl\":\"" + PAY_URL + "\""))));

        HttpResponse<String> page = send(request("/orders/" + ORDER_ID + "/wait?token=t1").GET());

        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue(PAY_URL);
    }

    @Test
    void aCancelledOrderGoesToItsOwnPageInsteadOfPayment() throws Exception {
        StandIns.ORDER.stubFor(get(urlPathEqualTo("/api/orders/" + ORDER_ID)).willReturn(okJson(
                order("CANCELLED", ",\"cancelReason\":\"OUT_OF_STOCK\""))));

        HttpResponse<String> page = send(request("/orders/" + ORDER_ID + "/wait?token=t1").GET());

        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/orders/" + ORDER_ID + "?token=t1");
    }

    @Test
    void relaysTheSagaAsServerSentEventsUntilThePaymentPageIsKnown() throws Exception {
        StandIns.ORDER.stubFor(get(urlPathEqualTo("/api/orders/" + ORDER_ID + "/events")).willReturn(aResponse()
                .withHeader("Content-Type", "text/event-stream")
                .withBody("event:order\nid:3\ndata:" + order("PLACED", "") + "\n\n"
                        + "event:order\nid:4\ndata:" + order("AWAITING_PAYMENT",
                                ",\"paymentRedirectUrl\":\"" + PAY_URL + "\"") + "\n\n")));

        HttpResponse<String> stream = HTTP.send(request("/orders/" + ORDER_ID + "/events?token=t1")
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/event-stream"));
        assertThat(stream.body()).contains("event:order\ndata:{\"status\":\"PLACED\"}")
                .contains("event:order\ndata:{\"status\":\"AWAITING_PAYMENT\",\"next\":\"" + PAY_URL + "\"}")
                .doesNotContain("event:end");
        StandIns.ORDER.verify(getRequestedFor(urlPathEqualTo("/api/orders/" + ORDER_ID + "/events"))
                .withQueryParam("until", equalTo("payable"))
                .withHeader("X-Order-Token", equalTo("t1")));
    }

    @Test
    void endsTheStreamSoThePageReloadsWhenOrderServiceCannotFollowTheOrder() throws Exception {
        StandIns.ORDER.stubFor(get(urlPathEqualTo("/api/orders/" + ORDER_ID + "/events")).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/problem+json").withBody("{\"status\":404}")));

        HttpResponse<String> stream = HTTP.send(request("/orders/" + ORDER_ID + "/events?token=wrong")
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(stream.body()).isEqualTo("event:end\ndata:{\"reload\":true}\n\n");
    }

    @Test
    void anOrderWhosePaymentNeverCameSaysSoAndLeadsBackToTheBasket() throws Exception {
        StandIns.ORDER.stubFor(get(urlPathEqualTo("/api/orders/" + ORDER_ID)).willReturn(okJson(
                order("CANCELLED", ",\"cancelReason\":\"PAYMENT_TIMEOUT\""))));

        HttpResponse<String> page = send(request("/orders/" + ORDER_ID + "?token=t1").GET());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-status=\"CANCELLED\"", "PAYMENT_TIMEOUT", "data-payment-timeout",
                "The payment did not", "arrive in time", "href=\"/cart\"").doesNotContain("data-sold-out");
    }

    @Test
    void anOrderCancelledForAnotherReasonSaysNothingOfATimeout() throws Exception {
        StandIns.ORDER.stubFor(get(urlPathEqualTo("/api/orders/" + ORDER_ID)).willReturn(okJson(
                order("CANCELLED", ",\"cancelReason\":\"OUT_OF_STOCK\""))));

        HttpResponse<String> page = send(request("/orders/" + ORDER_ID + "?token=t1").GET());

        assertThat(page.body()).contains("data-sold-out").doesNotContain("data-payment-timeout");
    }

    @Test
    void theCancelledPaymentPageSaysNothingWasChargedAndLeadsBackToTheBasket() throws Exception {
        StandIns.ORDER.stubFor(get(urlPathEqualTo("/api/orders/" + ORDER_ID)).willReturn(okJson(
                order("CANCELLED", ",\"cancelReason\":\"PAYMENT_FAILED\""))));

        HttpResponse<String> page = send(request("/orders/" + ORDER_ID + "?token=t1&cancelled=true").GET());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Your payment was not completed", "Nothing was charged", "PAYMENT_FAILED",
                "href=\"/cart\"").doesNotContain("data-follow=");
    }

    @Test
    void theCancelledPaymentPageOffersToPayAgainWhileTheOrderStillWaitsAndFollowsIt() throws Exception {
        StandIns.ORDER.stubFor(get(urlPathEqualTo("/api/orders/" + ORDER_ID)).willReturn(okJson(
                order("AWAITING_PAYMENT", ",\"paymentRedirectUrl\":\"" + PAY_URL + "\""))));

        HttpResponse<String> page = send(request("/orders/" + ORDER_ID + "?token=t1&cancelled=true").GET());

        assertThat(page.body()).contains("Try the payment again", "href=\"" + PAY_URL + "\"",
                "data-follow=\"/orders/" + ORDER_ID + "/events?token=t1\"", "data-follow-mode=\"reload\"");
    }
}
