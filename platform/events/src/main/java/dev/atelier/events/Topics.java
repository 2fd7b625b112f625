package dev.atelier.events;

/** Kafka topic names, {@code <service>.<aggregate>}, as docs/architecture.md lists them. */
public final class Topics {

    public static final String CATALOG_PRODUCT = "catalog.product";
    public static final String ORDER_ORDER = "order.order";
    public static final String INVENTORY_RESERVATION = "inventory.reservation";
    public static final String INVENTORY_STOCK = "inventory.stock";
    public static final String PAYMENT_PAYMENT = "payment.payment";
    public static final String CART_CART = "cart.cart";
    public static final String CUSTOMER_CUSTOMER = "customer.customer";
    /**
     * Every service's answer to a customer's data request (export part, erasure confirmation), read by
     * customer-service. Written by many services, keyed by the request id.
     */
    public static final String CUSTOMER_DATA_REQUEST = "customer.data-request";
    public static final String MARKETPLACE_EBAY = "marketplace.ebay";
    public static final String NOTIFICATION_EMAIL = "notification.email";
    /**
     * Marketing-consent answers given at notification-service without an account (unsubscribe, a guest's double
     * opt-in), read by customer-service. Keyed by the lower-cased e-mail address.
     */
    public static final String NOTIFICATION_CONSENT = "notification.consent";

    /** Suffix of every dead-letter topic. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    private Topics() {
    }

    /**
     * The dead-letter topic of one consuming service for one topic, {@code <topic>.<service>.dlt} (e.g.
     * {@code order.order.inventory-service.dlt}): the failures of each consumer group stay apart, so that each
     * service inspects and replays its own.
     */
    public static String deadLetterOf(String topic, String consumingService) {
        return topic + "." + consumingService.replaceAll("[^A-Za-z0-9._-]", "_") + DEAD_LETTER_SUFFIX;
    }

    /**
     * The shared {@code <topic>.dlt} of the first releases, which mixed every consumer group's failures.
     *
     * @deprecated dead letters are per consuming service: {@link #deadLetterOf(String, String)}
     */
    @Deprecated(forRemoval = true)
    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
