package dev.atelier.order.returns;

import dev.atelier.events.payment.PaymentRefunded;
import dev.atelier.messaging.inbox.EventHandler;
import org.springframework.stereotype.Component;

/** payment-service's refunds, matched to the return that asked for them (the saga records them in the timeline). */
@Component
class ReturnRefunds {

    private final Returns returns;

    ReturnRefunds(Returns returns) {
        this.returns = returns;
    }

    @EventHandler
    void on(PaymentRefunded refunded) {
        returns.refunded(refunded.orderId(), refunded.amount());
    }
}
