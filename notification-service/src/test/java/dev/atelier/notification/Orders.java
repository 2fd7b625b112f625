package dev.atelier.notification;

import dev.atelier.events.Money;
import dev.atelier.events.order.GiftOptions;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderLine;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.events.order.OrderShipped;
import dev.atelier.events.order.OrderTotals;
import dev.atelier.events.order.ShippingAddress;
import dev.atelier.events.payment.GiftCardIssued;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Orders as order-service would describe them, named after their state. */
public final class Orders {

    private Orders() {
    }

    /** A personalised mug and a plain card, gift wrapped with a message, paid by card, shipping to Bristol. */
    public static OrderPlaced aPlacedOrderWithAPersonalisedMug(String email) {
        UUID orderId = UUID.randomUUID();
        return new OrderPlaced(orderId, "AT-2026-" + orderId.toString().substring(0, 6).toUpperCase(), "WEB", email,
                null, List.of(personalisedMug(), birthdayCard()), Money.gbp(3048), Instant.now(), UUID.randomUUID(),
                "WINTER10", "card", null, totals(), address(), "standard",
                new GiftOptions(true, "Happy Christmas, Nan! Love, Sophie", true));
    }

    /** The same order placed signed in by {@code customerId}, shipping to {@code address} with {@code giftMessage}. */
    public static OrderPlaced aPlacedOrderOf(UUID customerId, String email, ShippingAddress address, String giftMessage) {
        OrderPlaced order = aPlacedOrderWithAPersonalisedMug(email);
        return new OrderPlaced(order.orderId(), order.orderNumber(), order.channel(), email, customerId, order.lines(),
                order.total(), order.placedAt(), order.cartId(), order.couponCode(), order.paymentMethod(), null,
                order.totals(), address, order.shippingOption(), new GiftOptions(true, giftMessage, true));
    }

    /** Two £25 gift cards bought as a product, each for Gran from Sophie with a message, to be e-mailed. */
    public static OrderPlaced aPlacedOrderOfTwoGiftCards(String email) {
        UUID orderId = UUID.randomUUID();
        OrderLine cards = new OrderLine(UUID.randomUUID(), "GIFTCARD-25", 2, Money.gbp(2500),
                Map.of("to", "Gran", "from", "Sophie", "message", "Happy birthday, Gran!"), "Atelier Gift Card",
                Map.of("value", "£25"), null, Map.of("to", "To", "from", "From", "message", "Message"), Money.gbp(5000));
        return new OrderPlaced(orderId, "AT-2026-" + orderId.toString().substring(0, 6).toUpperCase(), "WEB", email,
                null, List.of(cards), Money.gbp(5000), Instant.now(), UUID.randomUUID(), null, "card", null,
                new OrderTotals(Money.gbp(5000), Money.gbp(0), Money.gbp(0), Money.gbp(0), Money.gbp(0),
                        Money.gbp(5000)), null, null, null);
    }

    /** The first of the two gift cards payment-service issued for the order's line. */
    public static GiftCardIssued theFirstGiftCardOf(OrderPlaced order, String code) {
        OrderLine line = order.lines().getFirst();
        return new GiftCardIssued(order.orderId(), order.orderNumber(), UUID.randomUUID(), line.lineId(), 1, code,
                code.substring(code.length() - 4), line.unitPrice(), order.customerEmail(), line.name(),
                Instant.parse("2028-11-30T10:00:00Z"), Instant.now());
    }

    /** The confirmation of a placed order, as order-service sends it once paid: optional details left out. */
    public static OrderConfirmed theConfirmationOf(OrderPlaced order) {
        return new OrderConfirmed(order.orderId(), order.orderNumber(), order.channel(), order.customerEmail(),
                order.lines().stream().map(l -> new OrderLine(l.lineId(), l.sku(), l.quantity(), l.unitPrice(),
                        l.personalisation())).toList(), order.total(), Instant.now());
    }

    /** The first parcel of the order: the mug, with Royal Mail. */
    public static OrderShipped theMugShippedOf(OrderPlaced order) {
        return new OrderShipped(order.orderId(), order.orderNumber(), order.customerEmail(),
                List.of(order.lines().getFirst().lineId()), "Royal Mail", "RM123456785GB",
                "https://www.royalmail.com/track-your-item#/tracking-results/RM123456785GB", false, Instant.now());
    }

    public static OrderLine personalisedMug() {
        return new OrderLine(UUID.randomUUID(), "MUG-XMAS-001", 2, Money.gbp(1299),
                Map.of("name", "Sophie", "font", "Script MT", "colour", "#d4a017"), "Personalised Christmas Mug",
                Map.of("size", "Large"), "https://atelier.example/media/mug.png",
                Map.of("name", "Name", "font", "Font", "colour", "Colour"), Money.gbp(2598));
    }

    public static OrderLine birthdayCard() {
        return new OrderLine(UUID.randomUUID(), "CARD-BDAY-014", 1, Money.gbp(350), Map.of(), "Hand-lettered Card",
                null, null, null, Money.gbp(350));
    }

    public static OrderTotals totals() {
        return new OrderTotals(Money.gbp(2948), Money.gbp(295), Money.gbp(395), Money.gbp(0), Money.gbp(508),
                Money.gbp(3048));
    }

    public static ShippingAddress address() {
        return new ShippingAddress("Margaret Price", "12 Harbour View", "Flat 3", "Bristol", "BS1 5TY", "GB");
    }
}
