package dev.atelier.order.marketplace;

import dev.atelier.events.marketplace.MarketplaceLine;
import dev.atelier.events.marketplace.MarketplaceOrderReceived;
import dev.atelier.events.order.OrderLine;
import dev.atelier.messaging.inbox.EventHandler;
import dev.atelier.order.checkout.PaidOrderIntake;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Turns a paid marketplace order into an order of channel {@code EBAY} that the saga takes through stock. */
@Component
class MarketplaceOrders {

    private static final Logger log = LoggerFactory.getLogger(MarketplaceOrders.class);

    private final PaidOrderIntake intake;

    MarketplaceOrders(PaidOrderIntake intake) {
        this.intake = intake;
    }

    @EventHandler
    void on(MarketplaceOrderReceived received) {
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < received.lines().size(); i++) {
            MarketplaceLine line = received.lines().get(i);
            // the same marketplace line always gets the same line id
            UUID lineId = UUID.nameUUIDFromBytes((received.marketplace() + ":" + received.externalId() + ":" + i)
                    .getBytes(StandardCharsets.UTF_8));
            lines.add(new OrderLine(lineId, line.sku(), line.quantity(), line.unitPrice(), Map.of(), line.title(),
                    null, null, null, line.unitPrice().times(line.quantity())));
        }
        intake.accept(new PaidOrderIntake.PaidOrder(received.marketplace(), received.externalId(),
                received.buyerEmail(), lines, received.shipping(), received.total(), received.shippingAddress(),
                received.paidAt()))
                .ifPresentOrElse(id -> log.info("Took in {} order {} as {}", received.marketplace(),
                        received.externalId(), id),
                        () -> log.debug("{} order {} was already taken in", received.marketplace(),
                                received.externalId()));
    }
}
