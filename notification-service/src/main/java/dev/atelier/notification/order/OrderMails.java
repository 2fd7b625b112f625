package dev.atelier.notification.order;

import dev.atelier.events.Money;
import dev.atelier.events.order.OrderLine;
import dev.atelier.events.order.OrderTotals;
import dev.atelier.events.order.ShippingAddress;
import dev.atelier.notification.template.Branding;
import dev.atelier.notification.template.Formats;
import dev.atelier.notification.template.Mail;
import dev.atelier.notification.template.MailLine;
import dev.atelier.notification.template.MailTotals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Composes the order's e-mails from what notification knows of it: pure functions from facts to a {@link Mail},
 * so that every template can be rendered from sample data without Kafka or a database.
 */
final class OrderMails {

    static final String CONFIRMATION = "order-confirmation";
    static final String CANCELLED = "order-cancelled";
    static final String PAYMENT_FAILED = "payment-failed";
    static final String SHIPPED = "order-shipped";
    static final String DELIVERED = "order-delivered";
    static final String REFUND_ISSUED = "refund-issued";
    static final String RETURN_APPROVED = "return-approved";

    private OrderMails() {
    }

    static Mail confirmation(OrderSnapshot order) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("orderNumber", order.orderNumber());
        variables.put("lines", order.lines().stream().map(OrderMails::line).toList());
        variables.put("totals", totals(order.totals()));
        variables.put("total", Formats.money(order.totals() != null ? order.totals().total() : order.total()));
        variables.put("giftMessage", order.gift() == null ? null : blankToNull(order.gift().message()));
        variables.put("giftWrap", order.gift() != null && order.gift().wrap());
        variables.put("address", address(order.shippingAddress()));
        boolean personalised = order.lines().stream().anyMatch(l -> !l.personalisation().isEmpty());
        variables.put("personalised", personalised);
        return new Mail(CONFIRMATION, "Your order " + order.orderNumber() + " is confirmed",
                personalised ? "Thank you! Here is exactly what we will personalise for you."
                        : "Thank you! Here is what you ordered.", variables, null);
    }

    static Mail cancelled(String orderNumber, String reason, @Nullable Boolean paymentTaken) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("orderNumber", orderNumber);
        variables.put("reason", cancelReason(reason));
        variables.put("money", Boolean.TRUE.equals(paymentTaken)
                ? "The payment you made will be refunded in full to the same account; refunds usually arrive within 5 to 10 working days."
                : "No payment was taken for this order.");
        return new Mail(CANCELLED, "Your order " + orderNumber + " has been cancelled", cancelReason(reason),
                variables, null);
    }

    static Mail paymentFailed(String orderNumber, String providerReason, Branding brand) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("orderNumber", orderNumber);
        variables.put("reason", paymentReason(providerReason));
        variables.put("basketUrl", brand.link("/cart"));
        return new Mail(PAYMENT_FAILED, "We could not take payment for order " + orderNumber,
                "Your payment did not go through, so your order is not complete.", variables, null);
    }

    static Mail shipped(String orderNumber, String carrier, String trackingNumber, @Nullable String trackingUrl,
            List<OrderLine> linesInParcel, boolean complete) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("orderNumber", orderNumber);
        variables.put("carrier", carrier);
        variables.put("trackingNumber", trackingNumber);
        variables.put("trackingUrl", trackingUrl);
        variables.put("lines", linesInParcel.stream().map(OrderMails::line).toList());
        variables.put("complete", complete);
        return new Mail(SHIPPED, complete ? "Your order " + orderNumber + " is on its way"
                        : "Part of your order " + orderNumber + " is on its way",
                carrier + " tracking number " + trackingNumber, variables, null);
    }

    static Mail delivered(String orderNumber, UUID orderId, List<String> itemNames, Branding brand) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("orderNumber", orderNumber);
        variables.put("items", itemNames);
        variables.put("reviewUrl", brand.link("/account/orders/" + orderId + "/review"));
        return new Mail(DELIVERED, "Your order " + orderNumber + " has arrived",
                "We hope you love it. Would you tell other shoppers what you think?", variables, null);
    }

    static Mail refundIssued(String orderNumber, Money amount, String reason, Instant refundedAt) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("orderNumber", orderNumber);
        variables.put("amount", Formats.money(amount));
        variables.put("reason", humanise(reason));
        variables.put("refundedOn", Formats.day(refundedAt));
        return new Mail(REFUND_ISSUED, "We have refunded " + Formats.money(amount) + " for order " + orderNumber,
                "Refunds usually reach your account within 5 to 10 working days.", variables, null);
    }

    /**
     * The return-approved e-mail: what to send back, by when, where ({@code returnAddress}, else the store's postal
     * address) and the refund to expect.
     */
    static Mail returnApproved(String orderNumber, List<MailLine> lines, Money refund, Instant returnBy,
            @Nullable String returnAddress, Branding brand) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("orderNumber", orderNumber);
        variables.put("lines", lines);
        variables.put("refund", Formats.money(refund));
        variables.put("returnBy", Formats.day(returnBy));
        variables.put("returnAddress", returnAddress != null ? returnAddress : brand.postalAddress());
        return new Mail(RETURN_APPROVED, "Your return for order " + orderNumber + " is approved",
                "Send the items back by " + Formats.day(returnBy) + " and we will refund " + Formats.money(refund) + ".",
                variables, null);
    }

    static MailLine line(OrderLine line) {
        return MailLine.of(line.name() != null ? line.name() : line.sku(), line.attributes(), line.quantity(),
                line.lineTotal() != null ? line.lineTotal() : line.unitPrice().times(line.quantity()),
                line.imageUrl(), line.personalisation(), line.personalisationLabels());
    }

    private static @Nullable MailTotals totals(@Nullable OrderTotals totals) {
        return totals == null ? null : MailTotals.of(totals.subtotal(), totals.discount(), totals.shipping(),
                totals.giftWrap(), totals.tax(), totals.total());
    }

    private static List<String> address(@Nullable ShippingAddress address) {
        if (address == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add(address.name());
        lines.add(address.line1());
        if (address.line2() != null && !address.line2().isBlank()) {
            lines.add(address.line2());
        }
        lines.add(address.city());
        lines.add(address.postcode());
        lines.add(Locale.of("", address.country()).getDisplayCountry(Locale.UK));
        return lines;
    }

    static String cancelReason(String reason) {
        return switch (reason) {
            case "OUT_OF_STOCK" -> "Something in your order sold out before we could set it aside for you.";
            case "COUPON_UNAVAILABLE" -> "The discount code on your order could no longer be used.";
            case "PAYMENT_FAILED" -> "Your payment did not go through.";
            case "PAYMENT_TIMEOUT" -> "We did not receive your payment in time, so we released the items.";
            case "CUSTOMER" -> "You asked us to cancel it.";
            default -> "We had to cancel it (" + humanise(reason) + ").";
        };
    }

    static String paymentReason(String reason) {
        return switch (reason.toLowerCase(Locale.ROOT)) {
            case "card_declined", "declined", "generic_decline" -> "Your card was declined by your bank.";
            case "insufficient_funds" -> "Your bank said there were not enough funds.";
            case "expired_card" -> "The card has expired.";
            case "incorrect_cvc" -> "The security code (CVC) did not match.";
            case "expired", "session_expired", "timeout" -> "The payment page expired before the payment was made.";
            case "abandoned", "cancelled", "canceled" -> "The payment was not completed.";
            default -> "The payment provider did not accept it (" + humanise(reason) + ").";
        };
    }

    private static String humanise(String code) {
        String words = code.replace('_', ' ').replace('-', ' ').strip().toLowerCase(Locale.UK);
        return words.isEmpty() ? code : words;
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
