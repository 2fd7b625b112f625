package dev.atelier.order.fulfilment;

import static dev.atelier.order.Carts.aCartWithTwoPersonalisedMugs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.order.Http;
import dev.atelier.order.OrderTest;
import dev.atelier.order.Shopper;
import dev.atelier.order.Shopper.Placed;
import dev.atelier.testing.TestTokens;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** A signed-in customer sees their own orders, newest first, and nobody else's. */
@OrderTest
class AccountOrdersTest {

    @Value("${local.server.port}")
    int port;

    @Test
    void listsTheCustomersOwnOrdersAndHidesOthers() {
        Http http = new Http(port);
        Shopper shopper = new Shopper(http);
        UUID sophie = UUID.randomUUID();
        UUID someoneElse = UUID.randomUUID();
        Placed first = shopper.pays(aCartWithTwoPersonalisedMugs().forCustomer(sophie));
        Placed second = shopper.pays(aCartWithTwoPersonalisedMugs().forCustomer(sophie));
        Placed theirs = shopper.pays(aCartWithTwoPersonalisedMugs().forCustomer(someoneElse));
        String token = "Bearer " + TestTokens.customer(sophie);

        Http.Answer history = http.get("/api/account/orders", "Authorization", token);
        Http.Answer own = http.get("/api/account/orders/" + first.orderId(), "Authorization", token);
        Http.Answer other = http.get("/api/account/orders/" + theirs.orderId(), "Authorization", token);
        Http.Answer anonymous = http.get("/api/account/orders");

        assertThat(history.status()).isEqualTo(200);
        List<String> numbers = StreamSupport.stream(history.body().get("items").spliterator(), false)
                .map(item -> item.get("orderNumber").asString()).toList();
        assertThat(numbers).containsExactly(second.orderNumber(), first.orderNumber());
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().get("status").asString()).isEqualTo("PLACED");
        assertThat(own.body().get("orderNumber").asString()).isEqualTo(first.orderNumber());
        assertThat(other.status()).isEqualTo(404);
        assertThat(anonymous.status()).isEqualTo(401);
    }
}
