package dev.atelier.order.privacy;

import dev.atelier.events.EventJson;
import dev.atelier.events.customer.CustomerDataExportRequested;
import dev.atelier.events.customer.CustomerDataPartReady;
import dev.atelier.messaging.outbox.Outbox;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

/**
 * The order-service's part of a customer's data export: every order they placed signed in, and every guest order
 * under their e-mail, as JSON a person can read (order numbers, not internal ids; amounts as "14.99 GBP";
 * personalisation under its labels). Sent to customer-service as {@link CustomerDataPartReady} through the outbox;
 * a part over the contract's limit keeps the newest orders and says how many older ones are left out.
 */
@Service
class CustomerOrdersExport {

    static final String SERVICE = "order-service";
    private static final Logger log = LoggerFactory.getLogger(CustomerOrdersExport.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;

    CustomerOrdersExport(JdbcClient jdbc, Outbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void answer(CustomerDataExportRequested request) {
        List<Map<String, Object>> orders = jdbc.sql("""
                SELECT * FROM orders WHERE customer_id = ? OR (customer_id IS NULL AND lower(email) = lower(?))
                ORDER BY placed_at DESC, id DESC""")
                .params(request.customerId(), request.email())
                .query((rs, n) -> order(rs)).list();
        String part = part(orders);
        outbox.record(new CustomerDataPartReady(request.requestId(), request.customerId(), SERVICE, part,
                clock.instant()));
        log.info("Data export {}: {} order(s) of customer {} sent", request.requestId(), orders.size(),
                request.customerId());
    }

    /** The part as JSON, the newest orders first; older ones are left out (and counted) to stay within the limit. */
    static String part(List<Map<String, Object>> orders) {
        int kept = orders.size();
        while (true) {
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("service", SERVICE);
            part.put("about", "The orders you placed while signed in, and those placed as a guest with your e-mail "
                    + "address: what you bought, its personalisation, where it was sent and what happened to it.");
            part.put("orders", orders.subList(0, kept));
            if (kept < orders.size()) {
                part.put("olderOrdersLeftOut", orders.size() - kept);
                part.put("note", "This part holds your newest " + kept + " orders; your account's order history "
                        + "(/account/orders) shows every one.");
            }
            String json = EventJson.mapper().writeValueAsString(part);
            if (json.getBytes(StandardCharsets.UTF_8).length <= CustomerDataPartReady.MAX_PART_BYTES || kept == 0) {
                return json;
            }
            kept = Math.max(0, kept - Math.max(1, kept / 10));
        }
    }

    private Map<String, Object> order(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Currency currency = Currency.getInstance(rs.getString("currency"));
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("orderNumber", rs.getString("order_number"));
        order.put("placedAt", instant(rs.getTimestamp("placed_at")));
        order.put("channel", rs.getString("channel"));
        order.put("status", rs.getString("status"));
        putIfPresent(order, "cancelReason", rs.getString("cancel_reason"));
        order.put("email", rs.getString("email"));
        Map<String, Object> address = new LinkedHashMap<>();
        putIfPresent(address, "name", rs.getString("ship_name"));
        putIfPresent(address, "line1", rs.getString("ship_line1"));
        putIfPresent(address, "line2", rs.getString("ship_line2"));
        putIfPresent(address, "city", rs.getString("ship_city"));
        putIfPresent(address, "postcode", rs.getString("ship_postcode"));
        putIfPresent(address, "country", rs.getString("ship_country"));
        order.put("shippingAddress", address);
        putIfPresent(order, "shippingOption", rs.getString("shipping_option"));
        putIfPresent(order, "paymentMethod", rs.getString("payment_method"));
        putIfPresent(order, "couponCode", rs.getString("coupon_code"));
        if (rs.getBoolean("gift_wrap_chosen") || rs.getString("gift_message") != null) {
            Map<String, Object> gift = new LinkedHashMap<>();
            gift.put("wrapped", rs.getBoolean("gift_wrap_chosen"));
            putIfPresent(gift, "message", rs.getString("gift_message"));
            gift.put("pricesHidden", rs.getBoolean("gift_hide_prices"));
            order.put("gift", gift);
        }
        Map<String, Object> totals = new LinkedHashMap<>();
        for (String column : List.of("subtotal", "discount", "shipping", "gift_wrap", "tax", "total")) {
            totals.put(column.equals("gift_wrap") ? "giftWrap" : column, money(rs.getLong(column), currency));
        }
        order.put("totals", totals);
        order.put("lines", lines(id, currency));
        order.put("history", jdbc.sql("SELECT at, status, note FROM order_timeline WHERE order_id = ? ORDER BY id")
                .param(id).query((t, n) -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("at", instant(t.getTimestamp("at")));
                    entry.put("status", t.getString("status"));
                    entry.put("what", t.getString("note"));
                    return entry;
                }).list());
        List<Map<String, Object>> returns = returns(id, currency);
        if (!returns.isEmpty()) {
            order.put("returns", returns);
        }
        return order;
    }

    private List<Map<String, Object>> lines(UUID orderId, Currency currency) {
        return jdbc.sql("SELECT * FROM order_line WHERE order_id = ? ORDER BY position").param(orderId)
                .query((rs, n) -> {
                    Map<String, Object> line = new LinkedHashMap<>();
                    putIfPresent(line, "product", rs.getString("name"));
                    line.put("sku", rs.getString("sku"));
                    line.put("quantity", rs.getInt("quantity"));
                    line.put("unitPrice", money(rs.getLong("unit_price"), currency));
                    line.put("lineTotal", money(rs.getLong("line_total"), currency));
                    Map<String, Object> options = json(rs.getString("attributes"));
                    if (!options.isEmpty()) {
                        line.put("options", options);
                    }
                    Map<String, Object> personalisation = json(rs.getString("personalisation"));
                    if (!personalisation.isEmpty()) {
                        Map<String, Object> labels = json(rs.getString("personalisation_labels"));
                        Map<String, Object> readable = new LinkedHashMap<>();
                        personalisation.forEach((key, value) -> readable.put(
                                String.valueOf(labels.getOrDefault(key, key)), value));
                        line.put("personalisation", readable);
                    }
                    line.put("fulfilment", rs.getString("fulfilment_status"));
                    putIfPresent(line, "carrier", rs.getString("carrier"));
                    putIfPresent(line, "trackingNumber", rs.getString("tracking_number"));
                    putIfPresent(line, "shippedAt", instant(rs.getTimestamp("shipped_at")));
                    putIfPresent(line, "deliveredAt", instant(rs.getTimestamp("delivered_at")));
                    return line;
                }).list();
    }

    private List<Map<String, Object>> returns(UUID orderId, Currency currency) {
        return jdbc.sql("SELECT * FROM order_return WHERE order_id = ? ORDER BY requested_at").param(orderId)
                .query((rs, n) -> {
                    UUID returnId = rs.getObject("id", UUID.class);
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("requestedAt", instant(rs.getTimestamp("requested_at")));
                    item.put("status", rs.getString("status"));
                    putIfPresent(item, "refusalReason", rs.getString("refusal_reason"));
                    long refund = rs.getLong("refund_amount");
                    if (!rs.wasNull()) {
                        item.put("refund", money(refund, currency));
                    }
                    putIfPresent(item, "refundedAt", instant(rs.getTimestamp("refunded_at")));
                    item.put("lines", jdbc.sql("SELECT sku, quantity, reason FROM order_return_line WHERE return_id = ? "
                            + "ORDER BY sku").param(returnId).query((l, m) -> {
                                Map<String, Object> line = new LinkedHashMap<>();
                                line.put("sku", l.getString("sku"));
                                line.put("quantity", l.getInt("quantity"));
                                line.put("reason", l.getString("reason"));
                                return line;
                            }).list());
                    return item;
                }).list();
    }

    private static Map<String, Object> json(@Nullable String json) {
        return json == null ? Map.of() : EventJson.mapper().readValue(json, MAP);
    }

    private static String money(long minor, Currency currency) {
        return BigDecimal.valueOf(minor, Math.max(0, currency.getDefaultFractionDigits())).toPlainString() + " "
                + currency.getCurrencyCode();
    }

    private static @Nullable String instant(@Nullable Timestamp at) {
        return at == null ? null : at.toInstant().toString();
    }

    private static void putIfPresent(Map<String, Object> map, String key, @Nullable Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
