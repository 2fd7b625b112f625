package dev.atelier.payment.privacy;

import dev.atelier.events.customer.CustomerDataExportRequested;
import dev.atelier.events.customer.CustomerDataPartReady;
import dev.atelier.events.customer.CustomerErasureConfirmed;
import dev.atelier.events.customer.CustomerErasureRequested;
import dev.atelier.events.customer.CustomerRegistered;
import dev.atelier.events.customer.CustomerVerificationRequested;
import dev.atelier.events.customer.MarketingConsentChanged;
import dev.atelier.events.customer.PasswordResetRequested;
import dev.atelier.events.customer.ReminderDue;
import dev.atelier.messaging.inbox.EventHandler;
import dev.atelier.messaging.inbox.IgnoredEvents;
import dev.atelier.messaging.outbox.Outbox;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A customer's data requests (docs/customer-data-requests.md), for what payment-service holds: payments (found by
 * the e-mail the order was placed with, guest or not; PaymentRequested carries no customer id) and gift cards bought
 * as a product (by customer id or e-mail). No card data exists here to export or erase: the card page is the
 * provider's. Export answers CustomerDataPartReady; erasure keeps every amount, date, status and order number for
 * the accounts and replaces the e-mail with the marker {@code erased} (payments, sandbox sessions) or drops it (a
 * bought card's purchaser), then answers CustomerErasureConfirmed. Both run in the inbox's transaction, so a
 * redelivery changes nothing; a second erasure finds nothing left and confirms with zeros. E-mails are never logged.
 */
@Component
@IgnoredEvents({CustomerRegistered.class, CustomerVerificationRequested.class, MarketingConsentChanged.class,
        PasswordResetRequested.class, ReminderDue.class})
class CustomerDataRequests {

    static final String SERVICE = "payment";
    static final String ERASED = "erased";
    private static final Logger log = LoggerFactory.getLogger(CustomerDataRequests.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_ROWS = 1_000;

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    CustomerDataRequests(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    @EventHandler
    void on(CustomerDataExportRequested request) {
        List<Map<String, Object>> payments = jdbc.sql("""
                SELECT order_number, method, provider, amount + gift_card_amount AS order_amount, gift_card_amount,
                       currency, status, paid_amount, refunded_amount, created_at
                  FROM payment WHERE lower(customer_email) = lower(?) ORDER BY created_at LIMIT ?""")
                .params(request.email(), MAX_ROWS + 1).query(CustomerDataRequests::payment).list();
        List<Map<String, Object>> giftCards = jdbc.sql("""
                SELECT g.last4, g.currency, g.initial_amount, g.balance, g.expires_at, g.created_at, p.order_number
                  FROM gift_card g LEFT JOIN payment p ON p.order_id = g.order_id
                 WHERE g.purchaser_customer_id = ? OR lower(g.purchaser_email) = lower(?)
                 ORDER BY g.created_at LIMIT ?""")
                .params(request.customerId(), request.email(), MAX_ROWS + 1).query(CustomerDataRequests::giftCard).list();
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("service", SERVICE);
        part.put("about", "Payments for your orders and gift cards you bought. No card or bank account details are "
                + "stored by this shop: you entered them on the payment provider's page.");
        part.put("payments", payments.subList(0, Math.min(MAX_ROWS, payments.size())));
        part.put("giftCardsBought", giftCards.subList(0, Math.min(MAX_ROWS, giftCards.size())));
        if (payments.size() > MAX_ROWS || giftCards.size() > MAX_ROWS) {
            part.put("truncated", "only the oldest " + MAX_ROWS + " of each are listed; ask the shop for the rest");
        }
        String json = JSON.writeValueAsString(part);
        if (json.getBytes(StandardCharsets.UTF_8).length > CustomerDataPartReady.MAX_PART_BYTES) {
            json = JSON.writeValueAsString(Map.of("service", SERVICE, "truncated",
                    "your payment records exceed what one export part can carry; ask the shop for them"));
        }
        outbox.record(new CustomerDataPartReady(request.requestId(), request.customerId(), SERVICE, json,
                clock.instant()));
        log.info("Data export {}: {} payments, {} gift cards", request.requestId(), payments.size(), giftCards.size());
    }

    @EventHandler
    void on(CustomerErasureRequested request) {
        int payments = jdbc.sql("""
                UPDATE payment SET customer_email = ?, updated_at = now()
                 WHERE lower(customer_email) = lower(?) AND customer_email <> ?""")
                .params(ERASED, request.email(), ERASED).update();
        int sandboxSessions = jdbc.sql("UPDATE sandbox_session SET customer_email = ? WHERE lower(customer_email) = lower(?)")
                .params(ERASED, request.email()).update();
        int giftCards = jdbc.sql("""
                UPDATE gift_card SET purchaser_email = NULL, purchaser_customer_id = NULL, updated_at = now()
                 WHERE purchaser_customer_id = ? OR lower(purchaser_email) = lower(?)""")
                .params(request.customerId(), request.email()).update();
        long anonymised = (long) payments + sandboxSessions + giftCards;
        outbox.record(new CustomerErasureConfirmed(request.requestId(), request.customerId(), SERVICE, 0, anonymised,
                clock.instant()));
        log.info("Erasure {}: {} payments, {} sandbox sessions, {} gift cards anonymised", request.requestId(), payments,
                sandboxSessions, giftCards);
    }

    private static Map<String, Object> payment(ResultSet rs, int row) throws SQLException {
        Map<String, Object> payment = new LinkedHashMap<>();
        payment.put("orderNumber", rs.getString("order_number"));
        payment.put("paymentMethod", rs.getString("method"));
        payment.put("paidThrough", rs.getString("provider"));
        payment.put("orderAmount", money(rs.getLong("order_amount"), rs.getString("currency")));
        payment.put("fromGiftCard", money(rs.getLong("gift_card_amount"), rs.getString("currency")));
        payment.put("status", rs.getString("status"));
        long paid = rs.getLong("paid_amount");
        payment.put("paid", rs.wasNull() ? null : money(paid, rs.getString("currency")));
        payment.put("refunded", money(rs.getLong("refunded_amount"), rs.getString("currency")));
        payment.put("date", instant(rs.getTimestamp("created_at")));
        return payment;
    }

    private static Map<String, Object> giftCard(ResultSet rs, int row) throws SQLException {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("cardEndingIn", rs.getString("last4"));
        card.put("value", money(rs.getLong("initial_amount"), rs.getString("currency")));
        card.put("balance", money(rs.getLong("balance"), rs.getString("currency")));
        card.put("expires", instant(rs.getTimestamp("expires_at")));
        card.put("bought", instant(rs.getTimestamp("created_at")));
        card.put("orderNumber", rs.getString("order_number"));
        return card;
    }

    private static String money(long minor, String currency) {
        return BigDecimal.valueOf(minor, Currency.getInstance(currency).getDefaultFractionDigits())
                .toPlainString() + " " + currency;
    }

    private static @Nullable String instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().toString();
    }
}
