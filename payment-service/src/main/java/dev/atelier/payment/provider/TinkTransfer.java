package dev.atelier.payment.provider;

import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One transfer of a Tink payment request as Tink reports it (in a {@code payment:updated} webhook or the request's
 * transfers): its id, Tink's status, and the amount in minor units of {@code currency}. Tink's terminal statuses are
 * {@code SENT}, {@code SETTLED} (and the beta {@code SETTLED_PAYER} / {@code SETTLED_PAYEE}), {@code CANCELLED} and
 * {@code FAILED}; {@code CREATED} and {@code AWAITING_CREDENTIALS} are on the way.
 */
public record TinkTransfer(String id, String paymentRequestId, String status, long amount, String currency) {

    private static final Set<String> PAID = Set.of("SENT", "SETTLED", "SETTLED_PAYER", "SETTLED_PAYEE", "EXECUTED");
    private static final Set<String> FAILED = Set.of("CANCELLED", "FAILED", "REJECTED");

    public TinkTransfer {
        status = status.toUpperCase(Locale.ROOT);
    }

    /**
     * Reads a transfer as Tink writes it in a {@code payment:updated} event's content or the request's transfers
     * (amount a decimal number of {@code currency}); empty when a field is missing or the amount is not exact in minor
     * units. {@code paymentRequestId} is taken from the node when not given.
     */
    public static Optional<TinkTransfer> parse(@Nullable String paymentRequestId, JsonNode node) {
        String id = text(node, "id");
        String request = paymentRequestId != null ? paymentRequestId : text(node, "paymentRequestId");
        String status = text(node, "status");
        String currency = text(node, "currency");
        JsonNode amount = node.get("amount");
        if (id == null || request == null || status == null || currency == null || amount == null || !amount.isNumber()) {
            return Optional.empty();
        }
        try {
            int digits = Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getDefaultFractionDigits();
            long minor = amount.decimalValue().movePointRight(digits).longValueExact();
            return Optional.of(new TinkTransfer(id, request, status, minor, currency.toUpperCase(Locale.ROOT)));
        } catch (ArithmeticException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asString();
    }

    /** The shopper's bank sent the money: the payment is taken. */
    public boolean paid() {
        return PAID.contains(status);
    }

    /** The bank or the shopper stopped it (refused authorisation, insufficient funds, abandoned): no money. */
    public boolean failed() {
        return FAILED.contains(status);
    }

    /** What this report means for the payment, the part of its event id that makes a replay a duplicate. */
    public String outcome() {
        return paid() ? "paid" : failed() ? "failed" : status.toLowerCase(Locale.ROOT);
    }

    /** The provider event id under which this report is applied once, whether from the webhook or a status poll. */
    public String eventId() {
        return id + ":" + outcome();
    }

    /** The payment request's state in the vocabulary the other providers share. */
    public SessionState toSession() {
        String sessionStatus = paid() ? "complete" : failed() ? "expired" : "complete";
        return new SessionState(paymentRequestId, sessionStatus, paid() ? "paid" : "unpaid", id, amount,
                currency.toLowerCase(Locale.ROOT));
    }
}
