package dev.atelier.gateway.storefront;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Between "Place order" and the payment page: the wait page follows the checkout saga and sends the shopper on as
 * soon as the payment page is known (or to the order's page when the saga ended without one: paid by gift card, or
 * cancelled). order-service already streams an order's changes as Server-Sent Events; the storefront relays that
 * stream to the browser (order-api's routing timeout would cut a quiet stream, and the page needs the next address,
 * not the order), adds a heartbeat and bounds it in time. Without JavaScript the page reloads itself every few
 * seconds and the server sends it on. The same stream keeps the order's page and the payment-cancelled page up to
 * date while the order is still moving.
 */
@Controller
class WaitPages {

    static final Duration STREAM_FOR = Duration.ofMinutes(10);
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final Set<String> SETTLED = Set.of("PAID", "PROCESSING", "SHIPPED", "DELIVERED", "CANCELLED",
            "REFUNDED");

    private final Services services;

    WaitPages(Services services) {
        this.services = services;
    }

    @GetMapping("/orders/{orderId}/wait")
    Mono<String> waitPage(@PathVariable String orderId, @RequestParam(required = false) @Nullable String token,
            Model model, ServerWebExchange exchange) {
        return services.get("order", "/api/orders/" + CatalogPages.encode(orderId), withToken(exchange, token))
                .map(answer -> {
                    if (!answer.ok()) {
                        exchange.getResponse().setStatusCode(answer.status() == 404 ? HttpStatus.NOT_FOUND
                                : HttpStatus.SERVICE_UNAVAILABLE);
                        model.addAttribute("message", answer.status() == 404
                                ? "We could not find that order. Check the link in your confirmation e-mail."
                                : answer.detail());
                        return "not-found";
                    }
                    Map<String, Object> order = answer.body();
                    String next = next(order, orderId, token);
                    if (next != null) {
                        return "redirect:" + next;
                    }
                    model.addAttribute("order", order);
                    model.addAttribute("followUrl", eventsUrl(orderId, token));
                    model.addAttribute("refreshSeconds", 3);
                    return "order-wait";
                });
    }

    /**
     * The order's changes for the browser: {@code event: order} with {@code {status, next}} (next: where to send the
     * shopper, once known), a comment every {@link #HEARTBEAT}, and {@code event: end} when order-service's stream
     * ends without a next step (the page then reloads). Bounded by {@link #STREAM_FOR}.
     */
    @GetMapping(path = "/orders/{orderId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    Flux<ServerSentEvent<Map<String, Object>>> events(@PathVariable String orderId,
            @RequestParam(required = false) @Nullable String token, ServerWebExchange exchange) {
        // order-service ends its stream where this one ends (?until=payable): a stream cut off under its response
        // would cost the pooled connection to order-service, and that service a write into the void
        Flux<ServerSentEvent<Map<String, Object>>> updates = services
                .events("order", "/api/orders/" + CatalogPages.encode(orderId) + "/events?until=payable",
                        withToken(exchange, token))
                .filter(event -> "order".equals(event.event()) && event.data() instanceof Map<?, ?>)
                .map(event -> update(asMap(event.data()), orderId, token))
                .onErrorResume(e -> Flux.empty())
                .concatWith(Mono.just(ServerSentEvent.<Map<String, Object>>builder(Map.of("reload", true))
                        .event("end").build()));
        Flux<ServerSentEvent<Map<String, Object>>> heartbeat = Flux.interval(HEARTBEAT)
                .map(tick -> ServerSentEvent.<Map<String, Object>>builder().comment("still waiting").build());
        return Flux.merge(updates, heartbeat)
                .takeUntil(event -> "end".equals(event.event())
                        || event.data() != null && event.data().get("next") != null)
                .take(STREAM_FOR);
    }

    private static ServerSentEvent<Map<String, Object>> update(Map<String, Object> order, String orderId,
            @Nullable String token) {
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("status", String.valueOf(order.get("status")));
        if (order.get("cancelReason") != null) {
            update.put("cancelReason", order.get("cancelReason"));
        }
        String next = next(order, orderId, token);
        if (next != null) {
            update.put("next", next);
        }
        return ServerSentEvent.builder(update).event("order").build();
    }

    /**
     * Where the shopper goes from the wait page: the payment page once order-service knows it, the order's page once
     * the saga has settled, nowhere yet while stock and coupon are being checked.
     */
    static @Nullable String next(Map<String, Object> order, String orderId, @Nullable String token) {
        String status = String.valueOf(order.get("status"));
        if (status.equals("AWAITING_PAYMENT") && order.get("paymentRedirectUrl") instanceof String url
                && !url.isBlank()) {
            return url;
        }
        if (SETTLED.contains(status)) {
            return orderPage(orderId, token);
        }
        return null;
    }

    static String orderPage(String orderId, @Nullable String token) {
        return "/orders/" + CatalogPages.encode(orderId) + (token == null ? "" : "?token=" + CatalogPages.encode(token));
    }

    static String eventsUrl(String orderId, @Nullable String token) {
        return "/orders/" + CatalogPages.encode(orderId) + "/events"
                + (token == null ? "" : "?token=" + CatalogPages.encode(token));
    }

    static boolean settled(String status) {
        return SETTLED.contains(status);
    }

    static ServerWebExchange withToken(ServerWebExchange exchange, @Nullable String token) {
        return token == null ? exchange : exchange.mutate()
                .request(r -> r.headers(h -> h.set("X-Order-Token", token))).build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(@Nullable Object data) {
        return data instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
