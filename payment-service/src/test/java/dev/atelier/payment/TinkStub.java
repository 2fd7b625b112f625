package dev.atelier.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Tink's API as WireMock plays it, one server per test JVM: the service's RestClient talks HTTP to it. Default answers
 * give a client token, create a payment request (a fresh id each time) and list no transfers; tests add their own
 * stubs at a higher priority. Also signs webhooks as Tink does.
 */
public final class TinkStub {

    public static final String WEBHOOK_SECRET = "tink_webhook_secret_atelier_test";
    private static final WireMockServer SERVER = start();

    private TinkStub() {
    }

    public static WireMockServer server() {
        return SERVER;
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().dynamicPort().globalTemplating(true));
        server.start();
        installDefaults(server);
        return server;
    }

    /** Forgets tests' own stubs and recorded requests, keeps the defaults. */
    public static void reset() {
        SERVER.resetAll();
        installDefaults(SERVER);
    }

    private static void installDefaults(WireMockServer server) {
        server.stubFor(post(urlPathEqualTo("/api/v1/oauth/token")).atPriority(10).willReturn(okJson("""
                {"access_token": "tink_token_{{randomValue length=16 type='ALPHANUMERIC'}}", "token_type": "bearer",
                 "expires_in": 1800, "scope": "payment:read,payment:write"}""")));
        server.stubFor(post(urlPathEqualTo("/api/v1/payments/requests")).atPriority(10).willReturn(okJson("""
                {"id": "{{randomValue length=32 type='HEXADECIMAL'}}", "currency": "GBP", "market": "GB"}""")));
        server.stubFor(get(urlPathMatching("/api/v1/payments/requests/[^/]+/transfers")).atPriority(10)
                .willReturn(okJson("{\"paymentRequestCreatedTransfers\": []}")));
    }

    /** Tink's transfers of a payment request, as its status look-up answers them. */
    public static void transferIs(String paymentRequestId, String transferId, String status, String amount) {
        SERVER.stubFor(get(urlPathEqualTo("/api/v1/payments/requests/" + paymentRequestId + "/transfers")).atPriority(1)
                .willReturn(okJson("""
                        {"paymentRequestCreatedTransfers": [{"id": "%s", "status": "%s", "amount": %s, "currency": "GBP",
                          "created": 1763800000000, "updated": 1763800060000}]}""".formatted(transferId, status, amount))));
    }

    /** A {@code payment:updated} webhook body as Tink sends it, amount in pounds as Tink writes it. */
    public static String paymentUpdated(String paymentRequestId, String transferId, String status, String amount) {
        return """
                {"context": {"userId": "3db31bdcc75555c4f0b8952984a9bd4f"}, "event": "payment:updated",
                 "content": {"id": "%s", "paymentRequestId": "%s", "amount": %s, "currency": "GBP",
                  "paymentScheme": "FASTER_PAYMENTS", "destination": {"accountNumber": "04000412345678", "type": "sort-code"},
                  "providerName": "uk-demobank-open-banking-redirect", "recipientName": "Hannah's Workshop",
                  "status": "%s", "statusMessage": "The payment has been sent to your bank",
                  "created": 1763800000000, "updated": 1763800060000,
                  "remittanceInformation": {"type": "REFERENCE", "value": "AT-1234"}}}"""
                .formatted(transferId, paymentRequestId, amount, status);
    }

    /** Tink's signature header over {@code body} at {@code timestamp}, keyed by {@code secret}. */
    public static String sign(byte[] body, String secret, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(byte[] body) {
        return sign(body, WEBHOOK_SECRET, System.currentTimeMillis() / 1000);
    }

    /** Points the application's Tink client at this server. */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("tinkStub",
                    Map.of("atelier.payment.tink.api-base", "http://localhost:" + SERVER.port())));
        }
    }
}
