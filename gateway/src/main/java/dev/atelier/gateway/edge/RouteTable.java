package dev.atelier.gateway.edge;

import java.util.List;

/**
 * Every public path of the store and the service behind it (docs/architecture.md and the services' READMEs).
 * The first route whose paths match wins: a shopper's reviews ({@code /api/account/reviews}) go to catalog before
 * the rest of {@code /api/account/**} goes to customer-service.
 * {@code /internal/**} is never here: those paths are for services only, and {@link InternalPaths} refuses them
 * even when disguised.
 */
final class RouteTable {

    /**
     * How a route is treated: its timeout, whether idempotent reads are retried, whether it is rate-exempt. A
     * {@code STREAM} is a long-lived event stream: its headers are due within the API timeout, it is asked once more
     * only when its connection failed before anything was sent ({@link StreamRetry}), and it has a circuit breaker of
     * its own, so that a stream's length never counts as a slow call of its service.
     */
    enum Kind { API, SLOW, WEBHOOK, PAGE, STREAM }

    record Route(String id, String service, Kind kind, List<String> paths) {
    }

    static final List<Route> ROUTES = List.of(
            new Route("catalog-api", "catalog", Kind.API, List.of("/api/catalog/**", "/api/admin/catalog/**",
                    "/api/account/reviews", "/api/account/reviews/**")),
            new Route("catalog-media", "catalog", Kind.SLOW, List.of("/media/**")),
            new Route("cart-api", "cart", Kind.API, List.of("/api/cart", "/api/cart/**", "/api/admin/cart/**")),
            new Route("inventory-api", "inventory", Kind.API,
                    List.of("/api/inventory/**", "/api/admin/inventory/**")),
            new Route("checkout", "order", Kind.SLOW, List.of("/api/checkout", "/api/checkout/**")),
            new Route("order-events", "order", Kind.STREAM, List.of("/api/orders/*/events")),
            new Route("order-api", "order", Kind.API,
                    List.of("/api/orders/**", "/api/account/orders", "/api/account/orders/**", "/api/admin/orders/**")),
            new Route("payment-api", "payment", Kind.API, List.of("/api/payments/**", "/api/admin/payments/**")),
            new Route("payment-webhooks", "payment", Kind.WEBHOOK, List.of("/webhooks/stripe", "/webhooks/tink")),
            new Route("payment-sandbox", "payment", Kind.PAGE, List.of("/pay/sandbox/**")),
            new Route("notification-api", "notification", Kind.API,
                    List.of("/api/notifications/**", "/api/admin/notifications/**")),
            new Route("notification-pages", "notification", Kind.PAGE, List.of("/unsubscribe", "/subscriptions/confirm")),
            new Route("marketplace-webhooks", "marketplace", Kind.WEBHOOK, List.of("/webhooks/ebay")),
            new Route("marketplace-api", "marketplace", Kind.API, List.of("/api/admin/marketplace/**")),
            new Route("customer-api", "customer", Kind.API, List.of("/api/account/**", "/api/admin/customers/**")),
            new Route("back-office", "backoffice", Kind.PAGE, List.of("/admin", "/admin/**")));

    private RouteTable() {
    }
}
