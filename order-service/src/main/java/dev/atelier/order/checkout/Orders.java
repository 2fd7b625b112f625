package dev.atelier.order.checkout;

import dev.atelier.events.EventJson;
import dev.atelier.events.Money;
import dev.atelier.events.order.GiftOptions;
import dev.atelier.events.order.OrderLine;
import dev.atelier.events.order.OrderTotals;
import dev.atelier.events.order.ShippingAddress;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * The orders' tables. Plain JDBC rather than JPA: the saga's state is read with a row lock and written back with one
 * guarded UPDATE per transition, and the facts are written once and never changed, so there is no object graph to
 * track; the statements are the point.
 */
@Repository
public class Orders {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    /** The key of this transaction's reads ahead ({@link #lockAll}). */
    private final Object readAheadKey = new Object();

    Orders(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** The next human order number of the year, e.g. {@code AT-2026-000123}. */
    String nextNumber(int year) {
        long next = jdbc.sql("SELECT nextval('order_number_seq')").query(Long.class).single();
        return "AT-%d-%06d".formatted(year, next);
    }

    /**
     * Writes a new order in ONE statement: its row with the saga's first state, its lines (from arrays, a row each)
     * and the first entry of its timeline. Checkout pays one round trip for them, not one per row.
     */
    void insert(Order order, SagaState state, Instant now, String cause, String note) {
        OrderTotals t = order.totals();
        ShippingAddress a = order.shippingAddress();
        GiftOptions g = order.gift();
        List<OrderLine> lines = order.lines();
        int n = lines.size();
        UUID[] lineIds = new UUID[n];
        Integer[] positions = new Integer[n];
        String[] skus = new String[n];
        String[] names = new String[n];
        Integer[] quantities = new Integer[n];
        Long[] unitPrices = new Long[n];
        Long[] lineTotals = new Long[n];
        String[] imageUrls = new String[n];
        String[] attributes = new String[n];
        String[] personalisations = new String[n];
        String[] labels = new String[n];
        String[] previewUrls = new String[n];
        for (int i = 0; i < n; i++) {
            OrderLine line = lines.get(i);
            lineIds[i] = line.lineId();
            positions[i] = i;
            skus[i] = line.sku();
            names[i] = line.name();
            quantities[i] = line.quantity();
            unitPrices[i] = line.unitPrice().minor();
            lineTotals[i] = lineTotalOf(line).minor();
            imageUrls[i] = line.imageUrl();
            attributes[i] = json(line.attributes());
            personalisations[i] = json(line.personalisation());
            labels[i] = json(line.personalisationLabels());
            previewUrls[i] = line.previewUrl();
        }
        jdbc.sql("""
                WITH placed AS (
                    INSERT INTO orders (id, order_number, channel, external_id, customer_id, email, cart_id,
                        cart_version, coupon_code, payment_method, gift_card_code, currency, subtotal, discount,
                        shipping, gift_wrap, tax, total, shipping_option, ship_name, ship_line1, ship_line2, ship_city,
                        ship_postcode, ship_country, gift_wrap_chosen, gift_message, gift_hide_prices, return_url,
                        placed_at, status, stock_step, coupon_step, payment_step, deadline_at, attention, updated_at)
                    VALUES (:id, :number, :channel, :externalId, :customerId, :email, :cartId, :cartVersion, :coupon,
                        :paymentMethod, :giftCard, :currency, :subtotal, :discount, :shipping, :giftWrap, :tax, :total,
                        :shippingOption, :shipName, :line1, :line2, :city, :postcode, :country, :wrap, :message,
                        :hide, :returnUrl, :placedAt, :status, :stock, :coupon_step, :payment, :deadline, :attention,
                        :now)),
                lines AS (
                    INSERT INTO order_line (order_id, line_id, position, sku, name, quantity, unit_price, line_total,
                        image_url, attributes, personalisation, personalisation_labels, preview_url)
                    SELECT :id, l.line_id, l.position, l.sku, l.name, l.quantity, l.unit_price, l.line_total,
                        l.image_url, l.attributes::jsonb, l.personalisation::jsonb, l.labels::jsonb, l.preview_url
                    FROM unnest(:lineIds::uuid[], :positions::int[], :skus::text[], :names::text[],
                        :quantities::int[], :unitPrices::bigint[], :lineTotals::bigint[], :imageUrls::text[],
                        :attributes::text[], :personalisations::text[], :labels::text[], :previewUrls::text[])
                        AS l (line_id, position, sku, name, quantity, unit_price, line_total, image_url, attributes,
                            personalisation, labels, preview_url))
                INSERT INTO order_timeline (order_id, at, status, cause, event_id, note)
                VALUES (:id, :now, :status, :cause, NULL, :note)""")
                .param("id", order.id()).param("number", order.number()).param("channel", order.channel())
                .param("externalId", order.externalId()).param("customerId", order.customerId())
                .param("email", order.email()).param("cartId", order.cartId()).param("cartVersion", order.cartVersion())
                .param("coupon", order.couponCode()).param("paymentMethod", order.paymentMethod())
                .param("giftCard", order.giftCardCode()).param("currency", t.total().currency().getCurrencyCode())
                .param("subtotal", t.subtotal().minor()).param("discount", t.discount().minor())
                .param("shipping", t.shipping().minor()).param("giftWrap", t.giftWrap().minor())
                .param("tax", t.tax().minor()).param("total", t.total().minor())
                .param("shippingOption", order.shippingOption())
                .param("shipName", a == null ? null : a.name()).param("line1", a == null ? null : a.line1())
                .param("line2", a == null ? null : a.line2()).param("city", a == null ? null : a.city())
                .param("postcode", a == null ? null : a.postcode()).param("country", a == null ? null : a.country())
                .param("wrap", g != null && g.wrap()).param("message", g == null ? null : g.message())
                .param("hide", g != null && g.hidePrices()).param("returnUrl", order.returnUrl())
                .param("placedAt", ts(order.placedAt())).param("status", state.status().name())
                .param("stock", state.stock().name()).param("coupon_step", state.coupon().name())
                .param("payment", state.payment().name()).param("deadline", ts(state.deadline()))
                .param("attention", state.attention()).param("now", ts(now))
                .param("lineIds", lineIds).param("positions", positions).param("skus", skus).param("names", names)
                .param("quantities", quantities).param("unitPrices", unitPrices).param("lineTotals", lineTotals)
                .param("imageUrls", imageUrls).param("attributes", attributes)
                .param("personalisations", personalisations).param("labels", labels)
                .param("previewUrls", previewUrls).param("cause", cause).param("note", note)
                .update();
    }

    private static Money lineTotalOf(OrderLine line) {
        Money total = line.lineTotal();
        return total != null ? total : line.unitPrice().times(line.quantity());
    }

    /** The order's facts with its lines, in one statement. */
    public Optional<Order> find(UUID id) {
        return track(id).map(Tracked::order);
    }

    private static Order withLines(Order o, List<OrderLine> lines) {
        return new Order(o.id(), o.number(), o.channel(), o.externalId(), o.email(), o.customerId(), o.cartId(),
                o.cartVersion(), o.couponCode(), o.paymentMethod(), o.giftCardCode(), o.totals(), o.shippingAddress(),
                o.shippingOption(), o.gift(), o.returnUrl(), o.placedAt(), lines);
    }

    private static OrderLine lineOf(ResultSet rs, Currency currency, String nameColumn) throws SQLException {
        return new OrderLine(rs.getObject("line_id", UUID.class), rs.getString("sku"), rs.getInt("quantity"),
                new Money(rs.getLong("unit_price"), currency), map(rs.getString("personalisation")),
                rs.getString(nameColumn), map(rs.getString("attributes")), rs.getString("image_url"),
                map(rs.getString("personalisation_labels")), new Money(rs.getLong("line_total"), currency),
                rs.getString("preview_url"));
    }

    /**
     * Locks the rows of these orders until the transaction ends, in the order of their ids, and reads all the saga
     * needs of each (as {@link #lockForSaga} does) in the same ONE statement: how a batch of saga events takes its
     * locks before any step runs (see {@link SagaBatchLocks}). Orders that do not exist are skipped.
     * <p>
     * The reads are kept for this transaction and {@link #lockForSaga} hands each out once: the first step of each
     * order costs no statement of its own, and a second step of the same order reads the row again, so it sees the
     * first's change. Anything else that changes an order in the transaction drops its read ({@link #forget}).
     */
    void lockAll(Collection<UUID> ids) {
        Map<UUID, ForSaga> read = jdbc.sql(FOR_SAGA.formatted("o.id = ANY(?)", "o.id, l.position"))
                .param(ids.toArray(UUID[]::new))
                .query(rs -> {
                    Map<UUID, ForSaga> orders = new HashMap<>();
                    boolean[] more = {rs.next()};
                    while (more[0]) {
                        Read one = readOne(rs, more);
                        orders.put(one.order().id(), new ForSaga(one.order(), one.state(), one.parkedEvents()));
                    }
                    return orders;
                });
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            readAhead(true).putAll(read);
        }
    }

    /** Drops what {@link #lockAll} read of this order in this transaction: something else is about to change it. */
    public void forget(UUID id) {
        Map<UUID, ForSaga> read = readAhead(false);
        if (read != null) {
            read.remove(id);
        }
    }

    /** Drops everything {@link #lockAll} read in this transaction. */
    public void forgetAll() {
        Map<UUID, ForSaga> read = readAhead(false);
        if (read != null) {
            read.clear();
        }
    }

    @SuppressWarnings("unchecked")
    private @Nullable Map<UUID, ForSaga> readAhead(boolean create) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Object bound = TransactionSynchronizationManager.getResource(readAheadKey);
        if (bound != null || !create) {
            return (Map<UUID, ForSaga>) bound;
        }
        Map<UUID, ForSaga> read = new HashMap<>();
        TransactionSynchronizationManager.bindResource(readAheadKey, read);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(readAheadKey);
            }
        });
        return read;
    }

    /** An order as the saga needs it: its facts with their lines, its state, and whether events are parked for it. */
    record ForSaga(Order order, SagaState state, boolean parkedEvents) {
    }

    /**
     * Locks the order until the transaction ends, so that transitions of one order never interleave, and reads all
     * the saga needs of it in ONE statement: the row, its lines (one result row each, in their order) and whether
     * any event waits in {@code saga_parked}. Every saga step runs this; it replaces the three reads (lock, facts,
     * lines) and the parked events' query a step used to take. Only the order's row is locked
     * ({@code FOR UPDATE OF o}).
     */
    Optional<ForSaga> lockForSaga(UUID id) {
        Map<UUID, ForSaga> read = readAhead(false);
        ForSaga ahead = read == null ? null : read.remove(id);
        if (ahead != null) {
            return Optional.of(ahead);
        }
        return readWithLines(FOR_SAGA.formatted("o.id = ?", "l.position"), id)
                .map(one -> new ForSaga(one.order(), one.state(), one.parkedEvents()));
    }

    /** What a saga step reads of an order (or of several: the WHERE and ORDER BY are filled in), locking its row. */
    private static final String FOR_SAGA = """
            SELECT o.*, l.line_id, l.sku, l.name AS line_name, l.quantity, l.unit_price, l.line_total,
                l.image_url, l.attributes, l.personalisation, l.personalisation_labels, l.preview_url,
                EXISTS (SELECT 1 FROM saga_parked p WHERE p.order_id = o.id) AS parked_events
            FROM orders o LEFT JOIN order_line l ON l.order_id = o.id
            WHERE %s
            ORDER BY %s
            FOR UPDATE OF o""";

    /**
     * An order as it stands, without a lock: its facts with their lines, its state and the version of that state
     * (which grows with every transition), all from one row as one statement saw it, so that the version is exactly
     * that of the state read with it.
     */
    /** An order as its shopper sees it: its state, and its timeline as of the same moment. */
    public record Tracked(Order order, SagaState state, long version, List<TimelineEntry> timeline) {
    }

    /**
     * The order with its lines, state and timeline in ONE statement: one snapshot, so the timeline is exactly the one
     * of the status read, and one round trip on the path every order's event stream takes several times.
     */
    public Optional<Tracked> track(UUID id) {
        return jdbc.sql("""
                SELECT o.*, l.line_id, l.sku, l.name AS line_name, l.quantity, l.unit_price, l.line_total,
                    l.image_url, l.attributes, l.personalisation, l.personalisation_labels, l.preview_url,
                    FALSE AS parked_events, t.timeline
                FROM orders o
                CROSS JOIN LATERAL (
                    SELECT json_agg(json_build_object('at', e.at, 'status', e.status, 'cause', e.cause,
                        'eventId', e.event_id, 'note', e.note) ORDER BY e.id)::text AS timeline
                    FROM order_timeline e WHERE e.order_id = o.id) t
                LEFT JOIN order_line l ON l.order_id = o.id
                WHERE o.id = ?
                ORDER BY l.position""").param(id).query(rs -> {
                    if (!rs.next()) {
                        return Optional.<Tracked>empty();
                    }
                    List<TimelineEntry> timeline = timelineOf(rs.getString("timeline"));
                    Read read = readOne(rs, new boolean[1]);
                    return Optional.of(new Tracked(read.order(), read.state(), read.version(), timeline));
                });
    }

    /** The timeline as {@link #track} aggregates it: JSON objects in the entries' order, or null for none. */
    static List<TimelineEntry> timelineOf(@Nullable String json) {
        if (json == null) {
            return List.of();
        }
        List<TimelineEntry> entries = new ArrayList<>();
        for (JsonNode entry : EventJson.mapper().readTree(json)) {
            JsonNode eventId = entry.get("eventId");
            entries.add(new TimelineEntry(OffsetDateTime.parse(entry.get("at").asString()).toInstant(),
                    entry.get("status").asString(), entry.get("cause").asString(),
                    eventId == null || eventId.isNull() ? null : UUID.fromString(eventId.asString()),
                    entry.get("note").asString()));
        }
        return entries;
    }

    private record Read(Order order, SagaState state, long version, boolean parkedEvents) {
    }

    /** An order's row with its lines joined (a result row per line, at least one): what {@code sql} selects. */
    private Optional<Read> readWithLines(String sql, UUID id) {
        return jdbc.sql(sql).param(id).query(rs -> rs.next() ? Optional.of(readOne(rs, new boolean[1]))
                : Optional.<Read>empty());
    }

    /**
     * Reads one order from the result row the cursor is on and the rows after it that belong to the same order (a
     * row per line, in their order); leaves the cursor on the next order's first row ({@code more[0]} is then true),
     * or after the last row.
     */
    private static Read readOne(ResultSet rs, boolean[] more) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Currency currency = Currency.getInstance(rs.getString("currency"));
        SagaState state = stateOf(rs);
        long version = rs.getLong("version");
        boolean parkedEvents = rs.getBoolean("parked_events");
        Order facts = orderOf(rs, List.of());
        List<OrderLine> lines = new ArrayList<>();
        do {
            if (rs.getObject("line_id") != null) {
                lines.add(lineOf(rs, currency, "line_name"));
            }
            more[0] = rs.next();
        } while (more[0] && id.equals(rs.getObject("id", UUID.class)));
        return new Read(withLines(facts, lines), state, version, parkedEvents);
    }

    Optional<SagaState> state(UUID id) {
        return jdbc.sql("SELECT * FROM orders WHERE id = ?").param(id).query((rs, n) -> stateOf(rs)).optional();
    }

    /**
     * Saves the saga's new state and the timeline entry that explains it, in ONE statement (the entry is written by
     * a data-modifying WITH), and tells the order's watchers.
     */
    void saveTransition(UUID id, SagaState state, Instant now, String cause, @Nullable UUID eventId, String note) {
        int updated = jdbc.sql("""
                WITH entry AS (
                    INSERT INTO order_timeline (order_id, at, status, cause, event_id, note)
                    VALUES (:id, :now, :status, :cause, :eventId, :note))
                UPDATE orders SET status = :status, stock_step = :stock, coupon_step = :coupon, payment_step = :payment,
                    cancel_reason = :cancelReason, payment_redirect_url = :redirect, payment_id = :paymentId,
                    deadline_at = :deadline, attention = :attention, version = version + 1, updated_at = :now
                WHERE id = :id""")
                .param("status", state.status().name()).param("stock", state.stock().name())
                .param("coupon", state.coupon().name()).param("payment", state.payment().name())
                .param("cancelReason", state.cancelReason()).param("redirect", state.paymentRedirectUrl())
                .param("paymentId", state.paymentId()).param("deadline", ts(state.deadline()))
                .param("attention", state.attention()).param("now", ts(now)).param("id", id)
                .param("cause", cause).param("eventId", eventId).param("note", note)
                .update();
        if (updated != 1) {
            throw new IllegalStateException("order " + id + " vanished while its saga moved");
        }
        events.publishEvent(new OrderChanged(id));
    }

    /**
     * Locks the order until the transaction ends and returns its status: how fulfilment serialises its changes
     * with the saga's.
     */
    public Optional<OrderStatus> lockStatus(UUID id) {
        forget(id);
        return jdbc.sql("SELECT status FROM orders WHERE id = ? FOR UPDATE").param(id)
                .query((rs, n) -> OrderStatus.valueOf(rs.getString(1))).optional();
    }

    /** Moves a paid order along fulfilment (PROCESSING, SHIPPED, DELIVERED); the saga's steps are left alone. */
    public void moveFulfilmentStatus(UUID id, OrderStatus next, Instant now) {
        if (!next.isPaid()) {
            throw new IllegalArgumentException("fulfilment moves paid orders only, not to " + next);
        }
        forget(id);
        jdbc.sql("UPDATE orders SET status = ?, version = version + 1, updated_at = ? WHERE id = ?")
                .params(next.name(), ts(now), id).update();
        events.publishEvent(new OrderChanged(id));
    }

    /** The payment that paid the order, when there is one: what a refund gives money back from. */
    public Optional<UUID> paymentIdOf(UUID id) {
        return jdbc.sql("SELECT payment_id FROM orders WHERE id = ?").param(id)
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, UUID.class))).optional().flatMap(p -> p);
    }

    /** Orders whose saga waits past its deadline, oldest first. */
    List<UUID> overdue(Instant now, int limit) {
        return jdbc.sql("SELECT id FROM orders WHERE deadline_at <= ? ORDER BY deadline_at LIMIT ?")
                .params(ts(now), limit).query(UUID.class).list();
    }

    public void appendTimeline(UUID orderId, Instant at, OrderStatus status, String cause, @Nullable UUID eventId,
            String note) {
        jdbc.sql("INSERT INTO order_timeline (order_id, at, status, cause, event_id, note) VALUES (?, ?, ?, ?, ?, ?)")
                .params(orderId, ts(at), status.name(), cause, eventId, note).update();
    }

    /** One entry of an order's timeline: what happened, what caused it, and the status it left. */
    public record TimelineEntry(Instant at, String status, String cause, @Nullable UUID eventId, String note) {
    }

    public List<TimelineEntry> timeline(UUID orderId) {
        return jdbc.sql("SELECT * FROM order_timeline WHERE order_id = ? ORDER BY id").param(orderId)
                .query((rs, n) -> new TimelineEntry(rs.getTimestamp("at").toInstant(), rs.getString("status"),
                        rs.getString("cause"), rs.getObject("event_id", UUID.class), rs.getString("note")))
                .list();
    }

    /** The version of each order's state, which grows with every transition: how watchers see a change. */
    Map<UUID, Long> versions(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        java.util.Map<UUID, Long> versions = new java.util.HashMap<>();
        jdbc.sql("SELECT id, version FROM orders WHERE id = ANY(?)")
                .param(ids.toArray(UUID[]::new))
                .query(rs -> {
                    versions.put(rs.getObject("id", UUID.class), rs.getLong("version"));
                });
        return versions;
    }

    private static Order orderOf(ResultSet rs, List<OrderLine> lines) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency"));
        OrderTotals totals = new OrderTotals(new Money(rs.getLong("subtotal"), currency),
                new Money(rs.getLong("discount"), currency), new Money(rs.getLong("shipping"), currency),
                new Money(rs.getLong("gift_wrap"), currency), new Money(rs.getLong("tax"), currency),
                new Money(rs.getLong("total"), currency));
        ShippingAddress address = rs.getString("ship_line1") == null ? null
                : new ShippingAddress(rs.getString("ship_name"), rs.getString("ship_line1"),
                        rs.getString("ship_line2"), rs.getString("ship_city"), rs.getString("ship_postcode"),
                        rs.getString("ship_country"));
        GiftOptions gift = rs.getBoolean("gift_wrap_chosen") || rs.getString("gift_message") != null
                || rs.getBoolean("gift_hide_prices")
                ? new GiftOptions(rs.getBoolean("gift_wrap_chosen"), rs.getString("gift_message"),
                        rs.getBoolean("gift_hide_prices"))
                : null;
        long version = rs.getLong("cart_version");
        Long cartVersion = rs.wasNull() ? null : version;
        return new Order(rs.getObject("id", UUID.class), rs.getString("order_number"), rs.getString("channel"),
                rs.getString("external_id"), rs.getString("email"), rs.getObject("customer_id", UUID.class),
                rs.getObject("cart_id", UUID.class), cartVersion, rs.getString("coupon_code"),
                rs.getString("payment_method"), rs.getString("gift_card_code"), totals, address,
                rs.getString("shipping_option"), gift, rs.getString("return_url"),
                rs.getTimestamp("placed_at").toInstant(), lines);
    }

    private static SagaState stateOf(ResultSet rs) throws SQLException {
        Timestamp deadline = rs.getTimestamp("deadline_at");
        return new SagaState(OrderStatus.valueOf(rs.getString("status")),
                Steps.Stock.valueOf(rs.getString("stock_step")), Steps.Coupon.valueOf(rs.getString("coupon_step")),
                Steps.Payment.valueOf(rs.getString("payment_step")), rs.getString("cancel_reason"),
                rs.getString("payment_redirect_url"), rs.getObject("payment_id", UUID.class),
                deadline == null ? null : deadline.toInstant(), rs.getString("attention"));
    }

    private static @Nullable Timestamp ts(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static String json(@Nullable Map<String, String> map) {
        return EventJson.mapper().writeValueAsString(map == null ? Map.of() : map);
    }

    private static Map<String, String> map(@Nullable String json) {
        return json == null ? Map.of() : EventJson.mapper().readValue(json, STRING_MAP);
    }
}
