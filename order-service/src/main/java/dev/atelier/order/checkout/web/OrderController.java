package dev.atelier.order.checkout.web;

import dev.atelier.order.checkout.OrderTracking;
import dev.atelier.order.checkout.OrderTracking.OrderDetails;
import dev.atelier.web.FieldProblem;
import dev.atelier.web.ProblemException;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A shopper's order: its status, its live changes for the storefront's wait page, and the cancel before paying.
 * The guest's {@code X-Order-Token} proves the order is theirs; without it (or with another order's) the order
 * does not exist (404). The event stream also takes the token as {@code ?token=}, since a browser's EventSource
 * cannot set headers. The stream ends once the order is settled, or with {@code ?until=payable} already once the
 * shopper can pay it (the wait page's: it then sends the shopper to the payment page).
 */
@RestController
class OrderController {

    static final String TOKEN_HEADER = "X-Order-Token";

    private final OrderTracking tracking;
    private final OrderWatchers watchers;

    OrderController(OrderTracking tracking, OrderWatchers watchers) {
        this.tracking = tracking;
        this.watchers = watchers;
    }

    @GetMapping("/api/orders/{orderId}")
    OrderResponse order(@PathVariable UUID orderId, @RequestHeader(name = TOKEN_HEADER, required = false)
            @Nullable String token) {
        return tracking.find(orderId, token).map(OrderResponse::of)
                .orElseThrow(() -> OrderTracking.unknown(orderId));
    }

    @GetMapping(path = "/api/orders/{orderId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable UUID orderId,
            @RequestHeader(name = TOKEN_HEADER, required = false) @Nullable String headerToken,
            @RequestParam(name = "token", required = false) @Nullable String queryToken,
            @RequestParam(name = "until", required = false) @Nullable String until) {
        OrderWatchers.Until end = untilOf(until);
        String token = headerToken != null ? headerToken : queryToken;
        OrderDetails current = tracking.find(orderId, token).orElseThrow(() -> OrderTracking.unknown(orderId));
        return watchers.watch(orderId, token, current, end);
    }

    /** {@code ?until=payable} ends the stream once the shopper can pay; without it, once the order is settled. */
    private static OrderWatchers.Until untilOf(@Nullable String until) {
        if (until == null || until.equals("settled")) {
            return OrderWatchers.Until.SETTLED;
        }
        if (until.equals("payable")) {
            return OrderWatchers.Until.PAYABLE;
        }
        throw ProblemException.validation(List.of(new FieldProblem("until",
                "must be 'payable' (end once the order can be paid) or 'settled' (once it is paid or cancelled)")));
    }

    @PostMapping("/api/orders/{orderId}/cancel")
    OrderResponse cancel(@PathVariable UUID orderId, @RequestHeader(name = TOKEN_HEADER, required = false)
            @Nullable String token) {
        return OrderResponse.of(tracking.cancel(orderId, token));
    }
}
