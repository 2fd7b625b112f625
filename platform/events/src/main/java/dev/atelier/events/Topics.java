package dev.atelier.events;

/** Kafka topic names, {@code <service>.<aggregate>}, as ARCHITECTURE.md lists them. */
public final class Topics {

    public static final String CATALOG_PRODUCT = "catalog.product";
    public static final String ORDER_ORDER = "order.order";
    public static final String INVENTORY_RESERVATION = "inventory.reservation";
    public static final String INVENTORY_STOCK = "inventory.stock";
    public static final String PAYMENT_PAYMENT = "payment.payment";
    public static final String CART_CART = "cart.cart";
    public static final String CUSTOMER_CUSTOMER = "customer.customer";
    public static final String MARKETPLACE_EBAY = "marketplace.ebay";
    public static final String NOTIFICATION_EMAIL = "notification.email";

    /** Suffix of the dead-letter topic that sits beside every topic. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    private Topics() {
    }

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
