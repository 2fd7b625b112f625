package dev.atelier.order.checkout.web;

import static dev.atelier.order.Carts.aCartWithTwoPersonalisedMugs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.events.inventory.RejectedLine;
import dev.atelier.events.inventory.StockRejected;
import dev.atelier.order.Http;
import dev.atelier.order.OrderTest;
import dev.atelier.order.Shopper;
import dev.atelier.order.Shopper.Placed;
import dev.atelier.order.checkout.OrderStatus;
import dev.atelier.order.checkout.OrderTracking;
import dev.atelier.order.checkout.OrderTracking.OrderDetails;
import dev.atelier.testing.EventPublisher;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The wait page's stream when the saga moves the order while the stream opens: the controller reads the order, the
 * saga commits a change, then the watcher starts. In the browser journeys the saga's first answer lands about when
 * the wait page opens its stream, and this interleaving left the page waiting for a change it was never sent.
 */
@OrderTest
class OrderWatchersTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    OrderWatchers watchers;

    @Autowired
    OrderTracking tracking;

    @Test
    void aChangeMadeBetweenTheStreamsFirstReadAndItsStartIsStillSent() throws IOException {
        Shopper shopper = new Shopper(new Http(port));
        Placed placed = shopper.pays(aCartWithTwoPersonalisedMugs());
        // what the controller read when the wait page opened the stream
        OrderDetails readFirst = tracking.find(placed.orderId(), placed.token()).orElseThrow();
        assertThat(readFirst.status()).isEqualTo(OrderStatus.PLACED);

        // then the saga commits: out of stock, the order is cancelled
        try (EventPublisher inventory = EventPublisher.toSharedBroker()) {
            inventory.publish(new StockRejected(placed.orderId(), List.of(new RejectedLine("MUG-XMAS-001", 2, 0))));
        }
        shopper.awaitStatus(placed, "CANCELLED");

        // and only then does the watcher start, with what was read first
        SseEmitter stream = watchers.watch(placed.orderId(), placed.token(), readFirst, OrderWatchers.Until.SETTLED);

        // a watcher ends its stream once it has sent the order's final state: until then the stream takes more
        Awaitility.await("the cancellation sent on the stream, which then ends").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> ended(stream));
    }

    @Test
    void aChangeReachesEveryStreamOfTheOrderFromOneRead() {
        // a shopper's wait page and order page: the first stream's end is noticed only at its next write, so a change
        // finds two watchers with the same token, which share one read of the order
        Shopper shopper = new Shopper(new Http(port));
        Placed placed = shopper.pays(aCartWithTwoPersonalisedMugs());
        OrderDetails read = tracking.find(placed.orderId(), placed.token()).orElseThrow();
        SseEmitter waitPage = watchers.watch(placed.orderId(), placed.token(), read, OrderWatchers.Until.PAYABLE);
        SseEmitter orderPage = watchers.watch(placed.orderId(), placed.token(), read, OrderWatchers.Until.SETTLED);

        try (EventPublisher inventory = EventPublisher.toSharedBroker()) {
            inventory.publish(new StockRejected(placed.orderId(), List.of(new RejectedLine("MUG-XMAS-001", 2, 0))));
        }

        Awaitility.await("the cancellation sent on both streams, which then end").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> ended(waitPage) && ended(orderPage));
    }

    private static boolean ended(SseEmitter stream) throws IOException {
        try {
            stream.send(SseEmitter.event().comment("still open?"));
            return false;
        } catch (IllegalStateException completed) {
            return true;
        }
    }
}
