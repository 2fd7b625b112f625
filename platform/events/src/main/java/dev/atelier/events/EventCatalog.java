package dev.atelier.events;

import dev.atelier.events.cart.CartAbandoned;
import dev.atelier.events.cart.CouponRedeemed;
import dev.atelier.events.cart.CouponRejected;
import dev.atelier.events.cart.CouponReleased;
import dev.atelier.events.catalog.BundleDefined;
import dev.atelier.events.catalog.PriceChanged;
import dev.atelier.events.catalog.ProductPublished;
import dev.atelier.events.catalog.ProductRetired;
import dev.atelier.events.catalog.ProductUpdated;
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
import dev.atelier.events.inventory.StockCommitRefused;
import dev.atelier.events.inventory.StockCommitted;
import dev.atelier.events.inventory.StockLevelChanged;
import dev.atelier.events.inventory.StockRejected;
import dev.atelier.events.inventory.StockReleased;
import dev.atelier.events.inventory.StockReserved;
import dev.atelier.events.marketplace.MarketplaceOrderReceived;
import dev.atelier.events.notification.EmailFailed;
import dev.atelier.events.notification.EmailSent;
import dev.atelier.events.notification.EmailSubscriptionConfirmed;
import dev.atelier.events.notification.EmailUnsubscribed;
import dev.atelier.events.order.OrderCancelled;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderDelivered;
import dev.atelier.events.order.OrderItemFulfilmentChanged;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.events.order.OrderRefunded;
import dev.atelier.events.order.OrderShipped;
import dev.atelier.events.order.PaymentRequested;
import dev.atelier.events.order.RefundRequested;
import dev.atelier.events.order.ReturnApproved;
import dev.atelier.events.order.ReturnReceived;
import dev.atelier.events.order.ReturnRequested;
import dev.atelier.events.payment.GiftCardIssued;
import dev.atelier.events.payment.PaymentDisputed;
import dev.atelier.events.payment.PaymentFailed;
import dev.atelier.events.payment.PaymentRefunded;
import dev.atelier.events.payment.PaymentSessionCreated;
import dev.atelier.events.payment.PaymentSucceeded;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every released event version. A producer looks up how to publish a record; a consumer resolves the
 * {@code eventType} and {@code eventVersion} headers back to a record class; the schema check walks all of them.
 */
public final class EventCatalog {

    private static final List<Class<? extends DomainEvent>> CONTRACTS = List.of(
            OrderPlaced.class,
            PaymentRequested.class,
            OrderConfirmed.class,
            OrderCancelled.class,
            StockReserved.class,
            StockRejected.class,
            StockReleased.class,
            StockCommitted.class,
            StockCommitRefused.class,
            StockLevelChanged.class,
            LowStockDetected.class,
            PaymentSessionCreated.class,
            PaymentSucceeded.class,
            PaymentFailed.class,
            PaymentRefunded.class,
            ProductPublished.class,
            ProductUpdated.class,
            ProductRetired.class,
            PriceChanged.class,
            BundleDefined.class,
            OrderShipped.class,
            OrderDelivered.class,
            CouponRedeemed.class,
            CouponRejected.class,
            CouponReleased.class,
            CartAbandoned.class,
            RefundRequested.class,
            OrderItemFulfilmentChanged.class,
            MarketplaceOrderReceived.class,
            ReturnRequested.class,
            ReturnReceived.class,
            OrderRefunded.class,
            EmailSent.class,
            EmailFailed.class,
            CustomerDataExportRequested.class,
            CustomerErasureRequested.class,
            CustomerDataPartReady.class,
            CustomerErasureConfirmed.class,
            MarketingConsentChanged.class,
            CustomerRegistered.class,
            CustomerVerificationRequested.class,
            PasswordResetRequested.class,
            ReminderDue.class,
            PaymentDisputed.class,
            GiftCardIssued.class,
            ReturnApproved.class,
            EmailUnsubscribed.class,
            EmailSubscriptionConfirmed.class);

    private static final EventCatalog STANDARD = new EventCatalog(CONTRACTS);

    private final Map<Class<?>, EventType> byClass = new LinkedHashMap<>();
    private final Map<String, EventType> byNameAndVersion = new LinkedHashMap<>();

    EventCatalog(Collection<Class<? extends DomainEvent>> contracts) {
        for (Class<? extends DomainEvent> contract : contracts) {
            EventType type = EventType.of(contract);
            if (byNameAndVersion.putIfAbsent(type.qualifiedName(), type) != null) {
                throw new IllegalStateException("two contracts claim " + type.qualifiedName());
            }
            byClass.put(contract, type);
        }
    }

    /** The catalog of the platform's released contracts. */
    public static EventCatalog standard() {
        return STANDARD;
    }

    /** A catalog of the platform's contracts plus extra ones (tests, experiments). */
    public static EventCatalog with(Collection<Class<? extends DomainEvent>> extra) {
        var all = new java.util.ArrayList<Class<? extends DomainEvent>>(CONTRACTS);
        extra.stream().filter(c -> !all.contains(c)).forEach(all::add);
        return new EventCatalog(all);
    }

    public List<EventType> types() {
        return List.copyOf(byClass.values());
    }

    public EventType typeOf(Class<? extends DomainEvent> javaType) {
        EventType type = byClass.get(javaType);
        if (type == null) {
            throw new IllegalArgumentException(javaType.getName() + " is not a registered event contract");
        }
        return type;
    }

    public EventType typeOf(DomainEvent event) {
        return typeOf(event.getClass());
    }

    public Optional<EventType> find(String name, int version) {
        return Optional.ofNullable(byNameAndVersion.get(name + ".v" + version));
    }
}
