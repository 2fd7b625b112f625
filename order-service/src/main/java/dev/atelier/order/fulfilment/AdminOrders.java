package dev.atelier.order.fulfilment;

import dev.atelier.events.Money;
import dev.atelier.events.order.OrderLine;
import dev.atelier.order.checkout.Order;
import dev.atelier.order.checkout.OrderStatus;
import dev.atelier.order.checkout.Orders;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the workshop sees of orders: one order with what to make for each line, and the search over all of them. */
@Service
public class AdminOrders {

    /**
     * One line as the maker reads it: what to make, with the personalisation spelt out, the uploaded photos and the
     * picture of it the shopper saw in the storefront ({@code previewUrl}, when it drew one).
     */
    public record AdminLine(UUID lineId, String sku, @Nullable String name, int quantity, Money unitPrice,
            @Nullable Money lineTotal, @Nullable Map<String, String> attributes, Map<String, String> personalisation,
            String personalisationText, List<String> photos, @Nullable String previewUrl, String fulfilmentStatus,
            @Nullable String carrier, @Nullable String trackingNumber, @Nullable String trackingUrl) {
    }

    /** One order for the back-office. */
    public record AdminOrder(Order order, String status, @Nullable String cancelReason, @Nullable String attention,
            List<AdminLine> lines, List<Orders.TimelineEntry> timeline) {
    }

    /** A row of the search. */
    public record Summary(UUID orderId, String orderNumber, String channel, String email, String status,
            Money total, Instant placedAt, @Nullable String attention) {
    }

    /** What to look for; every field is optional. */
    public record Filter(@Nullable String number, @Nullable String email, @Nullable OrderStatus status,
            @Nullable Instant from, @Nullable Instant to, @Nullable UUID customerId, boolean needsAttention) {
    }

    private final Orders orders;
    private final FulfilmentLines lines;
    private final JdbcClient jdbc;

    AdminOrders(Orders orders, FulfilmentLines lines, JdbcClient jdbc) {
        this.orders = orders;
        this.lines = lines;
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Optional<AdminOrder> find(UUID orderId) {
        return orders.find(orderId).map(order -> {
            record State(String status, @Nullable String cancelReason, @Nullable String attention) {
            }
            State state = jdbc.sql("SELECT status, cancel_reason, attention FROM orders WHERE id = ?").param(orderId)
                    .query((rs, n) -> new State(rs.getString(1), rs.getString(2), rs.getString(3))).single();
            Map<UUID, FulfilmentLines.Line> fulfilment = lines.of(orderId).stream()
                    .collect(Collectors.toMap(FulfilmentLines.Line::lineId, Function.identity()));
            List<AdminLine> adminLines = order.lines().stream()
                    .map(line -> lineOf(line, fulfilment.get(line.lineId()))).toList();
            return new AdminOrder(order, state.status(), state.cancelReason(), state.attention(), adminLines,
                    orders.timeline(orderId));
        });
    }

    private static AdminLine lineOf(OrderLine line, FulfilmentLines.Line fulfilment) {
        return new AdminLine(line.lineId(), line.sku(), line.name(), line.quantity(), line.unitPrice(),
                line.lineTotal(), line.attributes(), line.personalisation(), readable(line), photosOf(line),
                line.previewUrl(), fulfilment.status().name(), fulfilment.carrier(), fulfilment.trackingNumber(), fulfilment.trackingUrl());
    }

    /** "Name: Sophie · Font: Script MT · Colour: #d4a017", by the labels the shopper saw; photos are listed apart. */
    static String readable(OrderLine line) {
        Map<String, String> labels = line.personalisationLabels() == null ? Map.of() : line.personalisationLabels();
        return line.personalisation().entrySet().stream()
                .filter(e -> !isPhoto(e.getValue()))
                .sorted(Map.Entry.comparingByKey())
                .map(e -> labels.getOrDefault(e.getKey(), e.getKey()) + ": " + e.getValue())
                .collect(Collectors.joining(" · "));
    }

    private static List<String> photosOf(OrderLine line) {
        return line.personalisation().values().stream().filter(AdminOrders::isPhoto).sorted().toList();
    }

    private static boolean isPhoto(String value) {
        return value.startsWith("/media/") || value.startsWith("https://") || value.startsWith("http://");
    }

    /**
     * Orders matching the filter, newest first, from after the cursor's key ({@code placedAt|orderId}); up to
     * {@code fetch} rows, so the caller can ask for one more than a page to know whether another page follows.
     */
    @Transactional(readOnly = true)
    public List<Summary> search(Filter filter, @Nullable String afterKey, int fetch) {
        StringBuilder sql = new StringBuilder("SELECT id, order_number, channel, email, status, currency, total, "
                + "placed_at, attention FROM orders WHERE true");
        List<Object> params = new ArrayList<>();
        if (filter.number() != null) {
            sql.append(" AND order_number = ?");
            params.add(filter.number().strip().toUpperCase(java.util.Locale.ROOT));
        }
        if (filter.email() != null) {
            sql.append(" AND lower(email) = lower(?)");
            params.add(filter.email().strip());
        }
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            params.add(filter.status().name());
        }
        if (filter.from() != null) {
            sql.append(" AND placed_at >= ?");
            params.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND placed_at < ?");
            params.add(Timestamp.from(filter.to()));
        }
        if (filter.customerId() != null) {
            sql.append(" AND customer_id = ?");
            params.add(filter.customerId());
        }
        if (filter.needsAttention()) {
            sql.append(" AND attention IS NOT NULL");
        }
        if (afterKey != null) {
            String[] parts = afterKey.split("\\|", 2);
            sql.append(" AND (placed_at, id) < (?, ?)");
            params.add(Timestamp.from(Instant.parse(parts[0])));
            params.add(UUID.fromString(parts[1]));
        }
        sql.append(" ORDER BY placed_at DESC, id DESC LIMIT ?");
        params.add(fetch);
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new Summary(rs.getObject("id", UUID.class), rs.getString("order_number"),
                        rs.getString("channel"), rs.getString("email"), rs.getString("status"),
                        Money.of(rs.getLong("total"), rs.getString("currency")),
                        rs.getTimestamp("placed_at").toInstant(), rs.getString("attention")))
                .list();
    }

    /** The cursor key of a row: where the next page starts. */
    public static String keyOf(Summary summary) {
        return summary.placedAt() + "|" + summary.orderId();
    }
}
