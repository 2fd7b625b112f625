package dev.atelier.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/** A shopper at the storefront: pays for a cart and follows the order with its token, over real HTTP. */
public final class Shopper {

    /** An order placed: its id, number and the guest's token. */
    public record Placed(UUID orderId, String orderNumber, String token) {
    }

    private final Http http;

    public Shopper(Http http) {
        this.http = http;
    }

    public static String checkoutBody(Carts cart, String paymentMethod) {
        return """
                {"email": "sophie@example.co.uk", "cartId": "%s", "cartVersion": %d, "paymentMethod": "%s",
                 "shippingAddress": {"name": "Sophie Hart", "line1": "1 Mill Lane", "city": "York",
                   "postcode": "yo1 7hh", "country": "GB"}}""".formatted(cart.id(), cart.version(), paymentMethod);
    }

    public Placed pays(Carts cart) {
        Http.Answer answer = http.post("/api/checkout", checkoutBody(cart.served(), "card"));
        assertThat(answer.status()).as("checkout answer %s", answer.body()).isEqualTo(202);
        return new Placed(UUID.fromString(answer.body().get("orderId").asString()),
                answer.body().get("orderNumber").asString(), answer.body().get("orderToken").asString());
    }

    public JsonNode order(Placed placed) {
        Http.Answer answer = http.get("/api/orders/" + placed.orderId(), "X-Order-Token", placed.token());
        assertThat(answer.status()).as("order answer %s", answer.body()).isEqualTo(200);
        return answer.body();
    }

    public JsonNode awaitStatus(Placed placed, String status) {
        return Awaitility.await("order " + placed.orderNumber() + " " + status).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> order(placed), order -> status.equals(order.get("status").asString()));
    }

    public Http.Answer cancels(Placed placed) {
        return http.post("/api/orders/" + placed.orderId() + "/cancel", "", "X-Order-Token", placed.token());
    }
}
