package dev.atelier.order.checkout;

import dev.atelier.events.Money;
import dev.atelier.events.order.OrderLine;
import dev.atelier.events.order.OrderTotals;
import dev.atelier.events.order.ShippingAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Orders paid elsewhere (a marketplace) enter the same saga as the web shop's: stock is reserved and committed the
 * same way, only the payment step is skipped. One order per marketplace order id, however often it is announced.
 */
@Service
public class PaidOrderIntake {

    /** A marketplace order as the intake needs it. */
    public record PaidOrder(String channel, String externalId, String email, List<OrderLine> lines, Money shipping,
            Money total, ShippingAddress address, Instant paidAt) {
    }

    private final Orders orders;
    private final SagaCoordinator coordinator;
    private final JdbcClient jdbc;
    private final Clock clock;

    PaidOrderIntake(Orders orders, SagaCoordinator coordinator, JdbcClient jdbc, Clock clock) {
        this.orders = orders;
        this.coordinator = coordinator;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The order created for it, or empty when it was already taken in. */
    @Transactional
    public Optional<UUID> accept(PaidOrder paid) {
        if (Order.WEB.equals(paid.channel())) {
            throw new IllegalArgumentException("web shop orders are placed through the checkout");
        }
        boolean known = jdbc.sql("SELECT count(*) FROM orders WHERE external_id = ?")
                .param(paid.channel() + ":" + paid.externalId()).query(Long.class).single() > 0;
        if (known) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Money subtotal = paid.lines().stream().map(l -> l.unitPrice().times(l.quantity()))
                .reduce(Money.zero(paid.total().currency()), Money::plus);
        // UK prices include 20% VAT: the VAT in a total is a sixth of it
        Money tax = new Money(Math.round(paid.total().minor() / 6.0d), paid.total().currency());
        Money discount = subtotal.plus(paid.shipping()).minus(paid.total());
        OrderTotals totals = new OrderTotals(subtotal, discount.isNegative() ? Money.zero(subtotal.currency()) : discount,
                paid.shipping(), Money.zero(subtotal.currency()), tax, paid.total());
        UUID orderId = UUID.randomUUID();
        Order order = new Order(orderId, orders.nextNumber(now.atZone(ZoneOffset.UTC).getYear()), paid.channel(),
                paid.channel() + ":" + paid.externalId(), paid.email(), null, null, null, null, null, null, totals,
                paid.address(), null, null, null, now, paid.lines());
        coordinator.start(order);
        return Optional.of(orderId);
    }
}
