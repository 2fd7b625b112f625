package dev.atelier.events;

import dev.atelier.events.cart.AbandonedLine;
import dev.atelier.events.cart.CartAbandoned;
import dev.atelier.events.cart.CouponRedeemed;
import dev.atelier.events.cart.CouponRejected;
import dev.atelier.events.cart.CouponReleased;
import dev.atelier.events.catalog.BundleComponent;
import dev.atelier.events.catalog.BundleDefined;
import dev.atelier.events.catalog.PriceChanged;
import dev.atelier.events.catalog.ProductPublished;
import dev.atelier.events.catalog.ProductRetired;
import dev.atelier.events.catalog.ProductUpdated;
import dev.atelier.events.catalog.SellableVariant;
import dev.atelier.events.customer.CustomerDataExportRequested;
import dev.atelier.events.customer.CustomerDataPartReady;
import dev.atelier.events.customer.CustomerErasureConfirmed;
import dev.atelier.events.customer.CustomerErasureRequested;
import dev.atelier.events.customer.CustomerRegistered;
import dev.atelier.events.customer.CustomerVerificationRequested;
import dev.atelier.events.customer.MarketingConsentChanged;
import dev.atelier.events.customer.PasswordResetRequested;
import dev.atelier.events.customer.ReminderDue;
import dev.atelier.events.inventory.LowStockDetected;
import dev.atelier.events.inventory.RejectedLine;
import dev.atelier.events.inventory.StockCommitRefused;
import dev.atelier.events.inventory.StockCommitted;
import dev.atelier.events.inventory.StockLevelChanged;
import dev.atelier.events.inventory.StockLine;
import dev.atelier.events.inventory.StockRejected;
import dev.atelier.events.inventory.StockReleased;
import dev.atelier.events.inventory.StockReserved;
import dev.atelier.events.marketplace.MarketplaceLine;
import dev.atelier.events.marketplace.MarketplaceOrderReceived;
import dev.atelier.events.notification.EmailFailed;
import dev.atelier.events.notification.EmailSent;
import dev.atelier.events.notification.EmailSubscriptionConfirmed;
import dev.atelier.events.notification.EmailUnsubscribed;
import dev.atelier.events.order.GiftOptions;
import dev.atelier.events.order.OrderCancelled;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderDelivered;
import dev.atelier.events.order.OrderItemFulfilmentChanged;
import dev.atelier.events.order.OrderLine;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.events.order.OrderRefunded;
import dev.atelier.events.order.OrderShipped;
import dev.atelier.events.order.OrderTotals;
import dev.atelier.events.order.PaymentRequested;
import dev.atelier.events.order.RefundRequested;
import dev.atelier.events.order.ReturnApproved;
import dev.atelier.events.order.ReturnLine;
import dev.atelier.events.order.ReturnReceived;
import dev.atelier.events.order.ReturnRequested;
import dev.atelier.events.order.ShippingAddress;
import dev.atelier.events.payment.GiftCardIssued;
import dev.atelier.events.payment.PaymentDisputed;
import dev.atelier.events.payment.PaymentFailed;
import dev.atelier.events.payment.PaymentRefunded;
import dev.atelier.events.payment.PaymentSessionCreated;
import dev.atelier.events.payment.PaymentSucceeded;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One realistic instance of every contract, all telling the story of one order, from which a missing JSON sample
 * is generated: a new event needs its record, its catalog entry and a fixture here.
 */
final class EventSamples {

    static final UUID ORDER_ID = UUID.fromString("3f1c9a52-7b4e-4d2a-9c61-0e8d5b7a4f13");
    static final UUID CUSTOMER_ID = UUID.fromString("a8d2e6f4-1c3b-4e5a-8f7d-2b9c0e1a3d56");
    static final UUID PAYMENT_ID = UUID.fromString("c4e7b1d9-5a2f-4c8e-b3d6-7f0a9e2c1b48");
    static final UUID CART_ID = UUID.fromString("e1f2a3b4-c5d6-4e7f-8091-a2b3c4d5e6f7");
    static final UUID MUG_LINE_ID = UUID.fromString("0b7e4c21-9d3a-4f6b-8e15-c2a7d9f0e384");
    static final UUID CARD_LINE_ID = UUID.fromString("5d2f8a63-1e4b-4c7d-a9f2-6b0c3e8d7a15");
    static final String ORDER_NUMBER = "AT-2025-000142";
    static final String EMAIL = "hannah.price@example.co.uk";
    static final Instant PLACED_AT = Instant.parse("2025-12-01T09:15:30Z");

    private static final Map<Class<? extends DomainEvent>, Supplier<DomainEvent>> BY_TYPE = Map.ofEntries(
            Map.entry(OrderPlaced.class, EventSamples::orderPlacedByARegisteredShopperWithTwoLines),
            Map.entry(PaymentRequested.class, EventSamples::paymentRequestedByCard),
            Map.entry(OrderConfirmed.class, EventSamples::orderConfirmedAfterPayment),
            Map.entry(OrderCancelled.class, EventSamples::orderCancelledAfterPaymentTimeout),
            Map.entry(StockReserved.class, EventSamples::stockReservedForBothLines),
            Map.entry(StockRejected.class, EventSamples::stockRejectedForOneMugShort),
            Map.entry(StockReleased.class, EventSamples::stockReleasedAfterCancellation),
            Map.entry(StockCommitted.class, EventSamples::stockCommittedAfterPayment),
            Map.entry(StockCommitRefused.class, EventSamples::stockCommitRefusedAfterExpiry),
            Map.entry(StockLevelChanged.class, EventSamples::mugStockLevelAfterReservation),
            Map.entry(LowStockDetected.class, EventSamples::mugStockLowAfterReservation),
            Map.entry(PaymentSessionCreated.class, EventSamples::stripeSessionOpened),
            Map.entry(PaymentSucceeded.class, EventSamples::stripePaymentSucceeded),
            Map.entry(PaymentFailed.class, EventSamples::stripeCardDeclined),
            Map.entry(PaymentRefunded.class, EventSamples::oneMugRefundedAsDamaged),
            Map.entry(ProductPublished.class, EventSamples::christmasMugPublished),
            Map.entry(ProductUpdated.class, EventSamples::christmasMugGainsALargeSize),
            Map.entry(ProductRetired.class, EventSamples::christmasMugRetiredInJanuary),
            Map.entry(PriceChanged.class, EventSamples::christmasMugReducedForTheSale),
            Map.entry(BundleDefined.class, EventSamples::writersGiftSetDefined),
            Map.entry(OrderShipped.class, EventSamples::mugShippedFirst),
            Map.entry(OrderDelivered.class, EventSamples::orderDelivered),
            Map.entry(CouponRedeemed.class, EventSamples::winterCouponRedeemed),
            Map.entry(CouponRejected.class, EventSamples::winterCouponUsedUp),
            Map.entry(CouponReleased.class, EventSamples::winterCouponReleased),
            Map.entry(CartAbandoned.class, EventSamples::cartAbandonedThirdStep),
            Map.entry(RefundRequested.class, EventSamples::refundOfAPaymentThatCameAfterTheCancellation),
            Map.entry(OrderItemFulfilmentChanged.class, EventSamples::mugEngravingStarted),
            Map.entry(MarketplaceOrderReceived.class, EventSamples::ebayBuyerPaidForTwoMugs),
            Map.entry(ReturnRequested.class, EventSamples::oneMugSentBackChipped),
            Map.entry(ReturnReceived.class, EventSamples::chippedMugReceivedNotResellable),
            Map.entry(OrderRefunded.class, EventSamples::chippedMugRefunded),
            Map.entry(EmailSent.class, EventSamples::orderConfirmationSent),
            Map.entry(EmailFailed.class, EventSamples::orderConfirmationFailedAfterSixAttempts),
            Map.entry(CustomerDataExportRequested.class, EventSamples::hannahAskedForHerData),
            Map.entry(CustomerErasureRequested.class, EventSamples::hannahAskedToBeForgotten),
            Map.entry(CustomerDataPartReady.class, EventSamples::ordersPartOfHannahsData),
            Map.entry(CustomerErasureConfirmed.class, EventSamples::ordersForgotHannah),
            Map.entry(MarketingConsentChanged.class, EventSamples::hannahOptedIn),
            Map.entry(CustomerRegistered.class, EventSamples::hannahRegistered),
            Map.entry(CustomerVerificationRequested.class, EventSamples::hannahAskedToVerifyHerEmail),
            Map.entry(PasswordResetRequested.class, EventSamples::hannahForgotHerPassword),
            Map.entry(ReminderDue.class, EventSamples::mumsBirthdayInAWeek),
            Map.entry(PaymentDisputed.class, EventSamples::stripeChargeDisputedAsFraudulent),
            Map.entry(GiftCardIssued.class, EventSamples::aFiftyPoundGiftCardBoughtAsAProduct),
            Map.entry(ReturnApproved.class, EventSamples::chippedMugReturnApproved),
            Map.entry(EmailUnsubscribed.class, EventSamples::hannahUnsubscribedInOneClick),
            Map.entry(EmailSubscriptionConfirmed.class, EventSamples::aGuestConfirmedHerSubscription));

    private EventSamples() {
    }

    static Optional<DomainEvent> of(Class<? extends DomainEvent> type) {
        return Optional.ofNullable(BY_TYPE.get(type)).map(Supplier::get);
    }

    static RefundRequested refundOfAPaymentThatCameAfterTheCancellation() {
        return new RefundRequested(ORDER_ID, ORDER_NUMBER, UUID.fromString("9e3b5c71-2d4f-4a8e-b6c1-d0f2a4e6b8c3"),
                PAYMENT_ID, Money.gbp(3048), "LATE_PAYMENT", PLACED_AT.plus(Duration.ofMinutes(31)));
    }

    static OrderItemFulfilmentChanged mugEngravingStarted() {
        return new OrderItemFulfilmentChanged(ORDER_ID, ORDER_NUMBER, MUG_LINE_ID, "MUG-XMAS-001", "PENDING",
                "IN_PRODUCTION", "PROCESSING", PLACED_AT.plus(Duration.ofHours(20)), "maker@atelier.example");
    }

    static MarketplaceOrderReceived ebayBuyerPaidForTwoMugs() {
        return new MarketplaceOrderReceived(UUID.fromString("7c1e2d3f-4a5b-4c6d-8e7f-901a2b3c4d5e"), "EBAY",
                "12-34567-89012", "buyer.b@example.co.uk",
                List.of(new MarketplaceLine("MUG-XMAS-001", 2, Money.gbp(1599), "Christmas Mug 11oz", "2984756301")),
                Money.gbp(395), Money.gbp(3593), address(), PLACED_AT.minus(Duration.ofMinutes(3)), "mugfan_77");
    }

    private static final UUID RETURN_ID = UUID.fromString("b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e");

    static ReturnRequested oneMugSentBackChipped() {
        return new ReturnRequested(ORDER_ID, ORDER_NUMBER, RETURN_ID, EMAIL,
                List.of(new ReturnLine(MUG_LINE_ID, "MUG-XMAS-001", 1, "arrived chipped", null)), EMAIL,
                PLACED_AT.plus(Duration.ofDays(6)));
    }

    static EmailUnsubscribed hannahUnsubscribedInOneClick() {
        return new EmailUnsubscribed(EMAIL, CUSTOMER_ID, "one-click-unsubscribe", Instant.parse("2026-01-12T07:45:02Z"));
    }

    static EmailSubscriptionConfirmed aGuestConfirmedHerSubscription() {
        return new EmailSubscriptionConfirmed("ruth.lane@example.co.uk", null, "double-opt-in",
                Instant.parse("2026-01-14T18:02:40Z"));
    }

    static ReturnApproved chippedMugReturnApproved() {
        return new ReturnApproved(ORDER_ID, ORDER_NUMBER, RETURN_ID, EMAIL, CUSTOMER_ID,
                List.of(new ReturnLine(MUG_LINE_ID, "MUG-XMAS-001", 1, "arrived chipped", null)), Money.gbp(1499),
                PLACED_AT.plus(Duration.ofDays(21)), "Atelier Returns, 1 Workshop Lane, Bristol BS1 4DJ",
                "sam.workshop@atelier.example", PLACED_AT.plus(Duration.ofDays(7)));
    }

    static ReturnReceived chippedMugReceivedNotResellable() {
        return new ReturnReceived(ORDER_ID, ORDER_NUMBER, RETURN_ID,
                List.of(new ReturnLine(MUG_LINE_ID, "MUG-XMAS-001", 1, "arrived chipped", false)),
                PLACED_AT.plus(Duration.ofDays(9)));
    }

    static OrderRefunded chippedMugRefunded() {
        return new OrderRefunded(ORDER_ID, ORDER_NUMBER, EMAIL, Money.gbp(1499), "RETURN", RETURN_ID,
                PLACED_AT.plus(Duration.ofDays(10)));
    }

    static OrderPlaced orderPlacedByARegisteredShopperWithTwoLines() {
        return new OrderPlaced(ORDER_ID, ORDER_NUMBER, "WEB", EMAIL, CUSTOMER_ID, twoLines(), Money.gbp(3048),
                PLACED_AT, CART_ID, "WINTER10", "card", null, totals(), address(), "standard",
                new GiftOptions(true, "Happy Christmas, Nan! Love, Hannah", true));
    }

    static PaymentRequested paymentRequestedByCard() {
        return new PaymentRequested(ORDER_ID, ORDER_NUMBER, Money.gbp(3048), "card", EMAIL, PLACED_AT.plusSeconds(2),
                twoLines(), totals(), null, "http://localhost:8080/checkout/success?order=" + ORDER_ID,
                "http://localhost:8080/checkout/cancelled?order=" + ORDER_ID);
    }

    static OrderConfirmed orderConfirmedAfterPayment() {
        return new OrderConfirmed(ORDER_ID, ORDER_NUMBER, "WEB", EMAIL, twoLines(), Money.gbp(3048),
                PLACED_AT.plus(Duration.ofMinutes(3)), CUSTOMER_ID, CART_ID, "WINTER10", totals(), address(),
                new GiftOptions(true, "Happy Christmas, Nan! Love, Hannah", true));
    }

    static OrderCancelled orderCancelledAfterPaymentTimeout() {
        return new OrderCancelled(ORDER_ID, ORDER_NUMBER, "PAYMENT_TIMEOUT", PLACED_AT.plus(Duration.ofMinutes(30)),
                EMAIL, CART_ID, "WINTER10", false);
    }

    static StockReserved stockReservedForBothLines() {
        return new StockReserved(ORDER_ID, twoStockLines(), PLACED_AT.plus(Duration.ofMinutes(30)));
    }

    static StockRejected stockRejectedForOneMugShort() {
        return new StockRejected(ORDER_ID, List.of(new RejectedLine("MUG-XMAS-001", 2, 1)));
    }

    static StockReleased stockReleasedAfterCancellation() {
        return new StockReleased(ORDER_ID, "CANCELLED", twoStockLines());
    }

    static StockCommitRefused stockCommitRefusedAfterExpiry() {
        return new StockCommitRefused(ORDER_ID, "EXPIRED", twoStockLines());
    }

    static StockCommitted stockCommittedAfterPayment() {
        return new StockCommitted(ORDER_ID, twoStockLines());
    }

    static LowStockDetected mugStockLowAfterReservation() {
        return new LowStockDetected("MUG-XMAS-001", 12, 4, 8, 10, 48);
    }

    static StockLevelChanged mugStockLevelAfterReservation() {
        return new StockLevelChanged("MUG-XMAS-001", 40, 6, 34);
    }

    static PaymentSessionCreated stripeSessionOpened() {
        return new PaymentSessionCreated(ORDER_ID, PAYMENT_ID, "stripe", "cs_test_a1B2c3D4e5F6g7H8",
                "https://checkout.stripe.com/c/pay/cs_test_a1B2c3D4e5F6g7H8", PLACED_AT.plus(Duration.ofMinutes(30)));
    }

    static PaymentSucceeded stripePaymentSucceeded() {
        return new PaymentSucceeded(ORDER_ID, PAYMENT_ID, "stripe", Money.gbp(3048), PLACED_AT.plus(Duration.ofMinutes(3)));
    }

    static PaymentFailed stripeCardDeclined() {
        return new PaymentFailed(ORDER_ID, PAYMENT_ID, "stripe", "card_declined", PLACED_AT.plus(Duration.ofMinutes(2)));
    }

    static PaymentRefunded oneMugRefundedAsDamaged() {
        return new PaymentRefunded(ORDER_ID, PAYMENT_ID, Money.gbp(1299), "arrived damaged",
                Instant.parse("2025-12-06T14:02:11Z"));
    }

    static CustomerVerificationRequested hannahAskedToVerifyHerEmail() {
        return new CustomerVerificationRequested(CUSTOMER_ID, EMAIL, "Hannah Price", "482915",
                Instant.parse("2025-11-20T18:45:00Z"));
    }

    static CustomerRegistered hannahRegistered() {
        return new CustomerRegistered(CUSTOMER_ID, EMAIL, "Hannah Price", Instant.parse("2025-11-20T18:32:41Z"));
    }

    static CustomerDataExportRequested hannahAskedForHerData() {
        return new CustomerDataExportRequested(UUID.fromString("9e1b7c3a-4d2f-4a8e-b6c5-0f3d2a1e7b94"), CUSTOMER_ID, EMAIL,
                Instant.parse("2026-01-12T10:05:00Z"));
    }

    static CustomerDataPartReady ordersPartOfHannahsData() {
        return new CustomerDataPartReady(UUID.fromString("9e1b7c3a-4d2f-4a8e-b6c5-0f3d2a1e7b94"), CUSTOMER_ID,
                "order-service", "{\"orders\":[{\"number\":\"AT-2026-000123\",\"placedAt\":\"2025-12-01T09:14:00Z\","
                        + "\"total\":\"£30.48\",\"shippingAddress\":\"12 Orchard Lane, Bristol BS1 4DJ\"}]}",
                Instant.parse("2026-01-12T10:05:02Z"));
    }

    static CustomerErasureConfirmed ordersForgotHannah() {
        return new CustomerErasureConfirmed(UUID.fromString("2c8d4f6a-1b3e-4d7a-9f2c-5e8b0a3d6c17"), CUSTOMER_ID,
                "order-service", 0, 3, Instant.parse("2026-02-03T16:20:03Z"));
    }

    static MarketingConsentChanged hannahOptedIn() {
        return new MarketingConsentChanged(CUSTOMER_ID, EMAIL, true, "account", Instant.parse("2025-11-21T08:02:10Z"));
    }

    static CustomerErasureRequested hannahAskedToBeForgotten() {
        return new CustomerErasureRequested(UUID.fromString("2c8d4f6a-1b3e-4d7a-9f2c-5e8b0a3d6c17"), CUSTOMER_ID, EMAIL,
                Instant.parse("2026-02-03T16:20:00Z"));
    }

    static ReminderDue mumsBirthdayInAWeek() {
        return new ReminderDue(UUID.fromString("7d3e9b1f-6a2c-4e8d-b5f0-1c4a7e9d2b36"), CUSTOMER_ID, EMAIL, "Hannah Price",
                "Mum", "BIRTHDAY", java.time.LocalDate.parse("2026-03-14"), 7);
    }

    static PasswordResetRequested hannahForgotHerPassword() {
        return new PasswordResetRequested(CUSTOMER_ID, EMAIL,
                "https://shop.example.co.uk/password/reset/confirm?token=Qm9vdHMgYW5kIGNhdHMgYW5kIGJvb3Rz",
                Instant.parse("2025-12-03T20:40:00Z"));
    }

    static final UUID MUG_PRODUCT_ID = UUID.fromString("6a0e2f4c-8b1d-4e3a-9c57-d2f8b1a6e093");
    static final UUID GIFT_SET_PRODUCT_ID = UUID.fromString("b3d9c1e7-2f4a-4b8d-a6e0-5c7f9d2b1a84");

    static ProductPublished christmasMugPublished() {
        return new ProductPublished(MUG_PRODUCT_ID, "personalised-christmas-mug", "Personalised Christmas Mug",
                List.of(christmasMug()), Instant.parse("2025-10-01T08:00:00Z"),
                "/media/products/personalised-christmas-mug/primary.png", "STANDARD",
                List.of("mugs", "gifts"), true);
    }

    static ProductUpdated christmasMugGainsALargeSize() {
        return new ProductUpdated(MUG_PRODUCT_ID, "personalised-christmas-mug", "Personalised Christmas Mug",
                List.of(christmasMug(), new SellableVariant("MUG-XMAS-002", Money.gbp(1599), 520,
                        Map.of("size", "15oz", "colour", "white"), null, false)),
                Instant.parse("2025-10-14T10:30:00Z"), "/media/products/personalised-christmas-mug/primary.png",
                "STANDARD", List.of("mugs", "gifts"), true);
    }

    static ProductRetired christmasMugRetiredInJanuary() {
        return new ProductRetired(MUG_PRODUCT_ID, "personalised-christmas-mug", List.of("MUG-XMAS-001", "MUG-XMAS-002"),
                Instant.parse("2026-01-08T09:00:00Z"));
    }

    static PriceChanged christmasMugReducedForTheSale() {
        return new PriceChanged(MUG_PRODUCT_ID, "MUG-XMAS-001", Money.gbp(1299), Money.gbp(999),
                Instant.parse("2025-12-26T00:00:00Z"));
    }

    static BundleDefined writersGiftSetDefined() {
        return new BundleDefined(GIFT_SET_PRODUCT_ID, "GIFTSET-WRITER", List.of(
                new BundleComponent("NOTEBOOK-A5-LEATHER", 1), new BundleComponent("PEN-BRASS-001", 1)),
                Instant.parse("2025-10-01T08:05:00Z"));
    }

    private static SellableVariant christmasMug() {
        return new SellableVariant("MUG-XMAS-001", Money.gbp(1299), 410, Map.of("size", "11oz", "colour", "white"),
                null, false);
    }

    private static List<OrderLine> twoLines() {
        return List.of(
                new OrderLine(MUG_LINE_ID, "MUG-XMAS-001", 2, Money.gbp(1299),
                        Map.of("name", "Hannah", "font", "Serif"), "Personalised Christmas Mug",
                        Map.of("size", "11oz", "colour", "white"),
                        "/media/products/personalised-christmas-mug/primary.png",
                        Map.of("name", "Name", "font", "Font"), Money.gbp(2598),
                        "/api/catalog/media/5b0c1f7e-3d2a-4c8e-9f61-2a7d9e4b8c10"),
                new OrderLine(CARD_LINE_ID, "CARD-BDAY-014", 1, Money.gbp(450),
                        Map.of(), "Birthday Card", Map.of(), null, Map.of(), Money.gbp(450)));
    }

    private static OrderTotals totals() {
        return new OrderTotals(Money.gbp(3048), Money.gbp(305), Money.gbp(0), Money.gbp(305), Money.gbp(508),
                Money.gbp(3048));
    }

    private static ShippingAddress address() {
        return new ShippingAddress("Hannah Price", "14 Orchard Lane", null, "Bath", "BA1 2QH", "GB");
    }

    static OrderShipped mugShippedFirst() {
        return new OrderShipped(ORDER_ID, ORDER_NUMBER, EMAIL, List.of(MUG_LINE_ID), "Royal Mail", "RM123456785GB",
                "https://www.royalmail.com/track-your-item#/tracking-results/RM123456785GB", false,
                PLACED_AT.plus(Duration.ofDays(2)));
    }

    static OrderDelivered orderDelivered() {
        return new OrderDelivered(ORDER_ID, ORDER_NUMBER, EMAIL, CUSTOMER_ID, List.of("MUG-XMAS-001", "CARD-BDAY-014"),
                PLACED_AT.plus(Duration.ofDays(4)));
    }

    static CouponRedeemed winterCouponRedeemed() {
        return new CouponRedeemed(CART_ID, ORDER_ID, "WINTER10", Money.gbp(305), PLACED_AT.plusSeconds(1));
    }

    static CouponRejected winterCouponUsedUp() {
        return new CouponRejected(CART_ID, ORDER_ID, "WINTER10", "USED_UP", PLACED_AT.plusSeconds(1));
    }

    static CouponReleased winterCouponReleased() {
        return new CouponReleased(CART_ID, ORDER_ID, "WINTER10", PLACED_AT.plus(Duration.ofMinutes(30)));
    }

    static CartAbandoned cartAbandonedThirdStep() {
        return new CartAbandoned(CART_ID, EMAIL, CUSTOMER_ID, 3, List.of(new AbandonedLine("MUG-XMAS-001",
                "Personalised Christmas Mug", 1, Money.gbp(1299),
                "/media/products/personalised-christmas-mug/primary.png", Map.of("name", "Hannah"), 3L)),
                Money.gbp(1299), "COMEBACK-7KQ2-M9XD", Money.gbp(130), PLACED_AT.plus(Duration.ofDays(10)),
                PLACED_AT.plus(Duration.ofDays(3)));
    }

    static final UUID EMAIL_ID = UUID.fromString("019ad3c2-5e1f-7a4b-9c2d-3e4f5a6b7c8d");

    static EmailSent orderConfirmationSent() {
        return new EmailSent(EMAIL_ID, "order-confirmation", EMAIL, 1, "<019ad3c2-5e1f-7a4b-9c2d-3e4f5a6b7c8d@atelier>",
                ORDER_ID, null, CUSTOMER_ID, PLACED_AT.plus(Duration.ofMinutes(3)).plusSeconds(1));
    }

    static EmailFailed orderConfirmationFailedAfterSixAttempts() {
        return new EmailFailed(EMAIL_ID, "order-confirmation", EMAIL, 6,
                "Mail server connection failed: Connection refused", ORDER_ID, null, CUSTOMER_ID,
                PLACED_AT.plus(Duration.ofHours(2)));
    }

    private static List<StockLine> twoStockLines() {
        return List.of(new StockLine("MUG-XMAS-001", 2), new StockLine("CARD-BDAY-014", 1));
    }

    static GiftCardIssued aFiftyPoundGiftCardBoughtAsAProduct() {
        return new GiftCardIssued(ORDER_ID, ORDER_NUMBER, UUID.fromString("6b2d8f14-3c7a-4e59-a1d0-8e4f2b6c9a37"),
                UUID.fromString("0a7c3e95-1b4d-4f26-8c8e-5d2a9f6b1e04"), 1, "7KQ4-M2XD-9PRT-HC3W-N", "C3WN",
                Money.gbp(5000), "hannah.price@example.co.uk", "Atelier Gift Card", Instant.parse("2027-12-20T10:41:07Z"),
                Instant.parse("2025-12-20T10:41:07Z"));
    }

    static PaymentDisputed stripeChargeDisputedAsFraudulent() {
        return new PaymentDisputed(ORDER_ID, PAYMENT_ID, "stripe", Money.gbp(3048), "fraudulent",
                Instant.parse("2025-12-20T10:41:07Z"));
    }
}
