package dev.atelier.payment;

import dev.atelier.events.Money;
import dev.atelier.events.order.OrderCancelled;
import dev.atelier.events.order.PaymentRequested;
import java.time.Instant;
import java.util.UUID;

/** Payment requests and cancellations as order-service's saga sends them, named after what they are. */
public final class Checkouts {

    private Checkouts() {
    }

    public static PaymentRequested aCardPaymentOf(long pence) {
        return request("card", Money.gbp(pence));
    }

    /** The tests' own payment method "sandbox", served by the sandbox (bank payments go to Tink on WireMock). */
    public static PaymentRequested aSandboxPaymentOf(long pence) {
        return request("sandbox", Money.gbp(pence));
    }

    public static PaymentRequested aBankPaymentOf(long pence) {
        return request("bank", Money.gbp(pence));
    }

    private static PaymentRequested request(String method, Money amount) {
        UUID orderId = UUID.randomUUID();
        return new PaymentRequested(orderId, "AT-" + orderId.toString().substring(0, 8).toUpperCase(), amount, method,
                "hannah.price@example.co.uk", Instant.now());
    }

    public static OrderCancelled theCancellationOf(PaymentRequested request, String reason) {
        return new OrderCancelled(request.orderId(), request.orderNumber(), reason, Instant.now());
    }
}
