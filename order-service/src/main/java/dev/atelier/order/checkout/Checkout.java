package dev.atelier.order.checkout;

import dev.atelier.events.EventJson;
import dev.atelier.events.Money;
import dev.atelier.events.order.GiftOptions;
import dev.atelier.events.order.OrderLine;
import dev.atelier.events.order.OrderTotals;
import dev.atelier.events.order.ShippingAddress;
import dev.atelier.web.FieldProblem;
import dev.atelier.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places an order from the shopper's priced cart: reads the cart from cart-service, checks it, and in ONE
 * transaction writes the order (number, line snapshots, totals), the saga's first state and OrderPlaced. An
 * {@code Idempotency-Key} makes a repeated request return the same order.
 */
@Service
public class Checkout {

    /** What the shopper asks for; {@code cartVersion}, when given, is the version of the cart they saw. */
    public record Command(UUID cartId, @Nullable Long cartVersion, @Nullable String email, ShippingAddress address,
            String shippingOption, String paymentMethod, @Nullable String giftCardCode) {
    }

    /** What the shopper gets back at once: where to follow the order, and the guest's key to it. */
    public record Receipt(UUID orderId, String orderNumber, String orderToken, String statusUrl) {
    }

    private final CartClient carts;
    private final Orders orders;
    private final SagaCoordinator coordinator;
    private final OrderTokens tokens;
    private final CheckoutProperties properties;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final Clock clock;

    Checkout(CartClient carts, Orders orders, SagaCoordinator coordinator, OrderTokens tokens,
            CheckoutProperties properties, TransactionTemplate transactions, JdbcClient jdbc, Clock clock) {
        this.carts = carts;
        this.orders = orders;
        this.coordinator = coordinator;
        this.tokens = tokens;
        this.properties = properties;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Receipt place(Command command, @Nullable String idempotencyKey) {
        String requestHash = hashOf(command);
        if (idempotencyKey != null) {
            Optional<Receipt> earlier = earlierAnswer(idempotencyKey, requestHash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        ShippingAddress address = checkedAddress(command.address());
        PricedCart cart = carts.pricedCart(command.cartId(), command.shippingOption(), address.country())
                .orElseThrow(() -> ProblemException.notFound("unknown-cart",
                        "there is no open cart " + command.cartId() + "; it may have been checked out already"));
        if (command.cartVersion() != null && command.cartVersion() != cart.version()) {
            throw ProblemException.conflict("cart-changed", "the cart changed since it was shown (version "
                    + command.cartVersion() + ", now " + cart.version() + "); review it and pay again")
                    .with("cartVersion", cart.version());
        }
        checkCanBeOrdered(cart);
        String email = command.email() != null ? command.email() : cart.email();
        if (email == null || email.isBlank()) {
            throw ProblemException.validation(List.of(new FieldProblem("email", "must be given for a guest")));
        }
        UUID orderId = UUID.randomUUID();
        try {
            return transactions.execute(status -> {
                Instant now = clock.instant();
                String number = orders.nextNumber(now.atZone(ZoneOffset.UTC).getYear());
                Order order = orderOf(orderId, number, command, cart, email, address, now);
                coordinator.start(order);
                if (idempotencyKey != null) {
                    jdbc.sql("INSERT INTO checkout_request (idempotency_key, request_hash, order_id, created_at) "
                                    + "VALUES (?, ?, ?, ?)")
                            .params(idempotencyKey, requestHash, orderId, Timestamp.from(now)).update();
                }
                return receiptOf(orderId, number);
            });
        } catch (DuplicateKeyException sameKeyAtTheSameTime) {
            // another request with the same key won the race: answer as it did, or refuse a different body
            return earlierAnswer(java.util.Objects.requireNonNull(idempotencyKey), requestHash)
                    .orElseThrow(() -> sameKeyAtTheSameTime);
        }
    }

    private Optional<Receipt> earlierAnswer(String idempotencyKey, String requestHash) {
        record Earlier(String hash, UUID orderId, String number) {
        }
        Optional<Earlier> earlier = jdbc.sql("""
                SELECT r.request_hash, r.order_id, o.order_number FROM checkout_request r
                JOIN orders o ON o.id = r.order_id WHERE r.idempotency_key = ?""")
                .param(idempotencyKey)
                .query((rs, n) -> new Earlier(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3)))
                .optional();
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        if (!earlier.get().hash().equals(requestHash)) {
            throw ProblemException.unprocessable("idempotency-key-reused", "this Idempotency-Key was used for a "
                    + "different checkout request; use a new key for a new request");
        }
        return Optional.of(receiptOf(earlier.get().orderId(), earlier.get().number()));
    }

    private Receipt receiptOf(UUID orderId, String number) {
        return new Receipt(orderId, number, tokens.tokenFor(orderId), "/api/orders/" + orderId);
    }

    private static ShippingAddress checkedAddress(ShippingAddress address) {
        if (!"GB".equals(address.country())) {
            return address;
        }
        String postcode = UkPostcode.normalise(address.postcode()).orElseThrow(() -> ProblemException.validation(
                List.of(new FieldProblem("shippingAddress.postcode",
                        "'" + address.postcode() + "' is not a UK postcode (like SW1A 1AA)"))));
        return new ShippingAddress(address.name(), address.line1(), address.line2(), address.city(), postcode,
                address.country());
    }

    private static void checkCanBeOrdered(PricedCart cart) {
        List<FieldProblem> problems = new ArrayList<>();
        List<PricedCart.Blocker> blockers = cart.checkoutBlockers() == null ? List.of() : cart.checkoutBlockers();
        for (PricedCart.Blocker blocker : blockers) {
            String field = blocker.lineId() == null ? "cart" : "cart.lines[" + blocker.lineId() + "]";
            problems.add(new FieldProblem(field, blocker.code() + ": "
                    + (blocker.message() == null ? "cannot be ordered" : blocker.message())));
        }
        if (blockers.isEmpty() && cart.lines().isEmpty()) {
            problems.add(new FieldProblem("cart", "EMPTY_CART: the cart is empty"));
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(org.springframework.http.HttpStatus.BAD_REQUEST, "cart-not-ready",
                    "The cart cannot be ordered", "the cart cannot be ordered as it is: "
                    + problems.stream().map(p -> p.field() + " " + p.message()).toList())
                    .with("errors", problems);
        }
    }

    private Order orderOf(UUID orderId, String number, Command command, PricedCart cart, String email,
            ShippingAddress address, Instant now) {
        java.util.Currency currency = java.util.Currency.getInstance(cart.currency());
        Money zero = Money.zero(currency);
        PricedCart.Totals t = cart.totals();
        OrderTotals totals = new OrderTotals(t.subtotal(), orZero(t.discount(), zero), orZero(t.shipping(), zero),
                orZero(t.giftWrap(), zero), orZero(t.tax(), zero), t.total());
        List<OrderLine> lines = cart.lines().stream()
                .map(l -> new OrderLine(l.lineId(), l.sku(), l.quantity(), l.unitPrice(), l.personalisation(),
                        l.name(), l.attributes(), l.imageUrl(), l.personalisationLabels(), l.lineTotal(), l.previewUrl()))
                .toList();
        GiftOptions gift = cart.gift() == null ? null
                : new GiftOptions(cart.gift().wrap(), cart.gift().message(), cart.gift().hidePrices());
        String returnUrl = properties.storefrontUrl() + "/orders/" + orderId + "?token=" + tokens.tokenFor(orderId);
        return new Order(orderId, number, Order.WEB, null, email, cart.customerId(), cart.id(), cart.version(),
                cart.coupon() == null ? null : cart.coupon().code(), command.paymentMethod(), command.giftCardCode(),
                totals, address, command.shippingOption(), gift, returnUrl, now, lines);
    }

    private static Money orZero(@Nullable Money money, Money zero) {
        return money == null ? zero : money;
    }

    private static String hashOf(Command command) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(EventJson.mapper().writeValueAsString(command).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
