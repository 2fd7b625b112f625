package dev.atelier.catalog.review;

import dev.atelier.catalog.storefront.RenderedReads;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderDelivered;
import dev.atelier.events.order.OrderLine;
import dev.atelier.messaging.inbox.EventHandler;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What makes a review a verified purchase: a signed-in customer's order paid (OrderConfirmed) or delivered
 * (OrderDelivered). Guest orders carry no customer id and verify nothing. The other events of order.order are
 * declared ignored by the sales feature, which reads the same topic.
 */
@Component
class PurchaseHandlers {

    private final ProductReviews reviews;
    private final RenderedReads reads;

    PurchaseHandlers(ProductReviews reviews, RenderedReads reads) {
        this.reviews = reviews;
        this.reads = reads;
    }

    @EventHandler
    void on(OrderConfirmed order) {
        if (order.customerId() != null) {
            List<String> skus = order.lines().stream().map(OrderLine::sku).distinct().toList();
            reviews.bought(order.customerId(), order.orderId(), skus, order.confirmedAt(), null);
        }
        // "verified purchase" shows on the reviews, which are not kept rendered; the rating does not count it
        reads.noneShown();
    }

    @EventHandler
    void on(OrderDelivered order) {
        if (order.customerId() != null) {
            reviews.bought(order.customerId(), order.orderId(), order.skus().stream().distinct().toList(), null,
                    order.deliveredAt());
        }
        reads.noneShown();
    }
}
