package dev.atelier.order.fulfilment.web;

import dev.atelier.order.checkout.OrderTracking;
import dev.atelier.order.checkout.web.OrderResponse;
import dev.atelier.order.fulfilment.AdminOrders;
import dev.atelier.web.CursorPage;
import dev.atelier.web.Cursors;
import dev.atelier.web.security.Caller;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A signed-in customer's orders (platform/web's resource server: a customer token): the history, newest first,
 * and one order as the status page shows it. Another customer's order does not exist for them (404).
 */
@RestController
class AccountOrderController {

    private final AdminOrders orders;
    private final OrderTracking tracking;
    private final Cursors cursors;

    AccountOrderController(AdminOrders orders, OrderTracking tracking, Cursors cursors) {
        this.orders = orders;
        this.tracking = tracking;
        this.cursors = cursors;
    }

    @GetMapping("/api/account/orders")
    CursorPage<AdminOrders.Summary> history(Caller caller, @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable Integer limit) {
        int size = Cursors.limit(limit, 20, 100);
        List<AdminOrders.Summary> fetched = orders.search(new AdminOrders.Filter(null, null, null, null, null,
                caller.customerId(), false), cursors.decode(cursor), size + 1);
        return CursorPage.of(fetched, size, AdminOrders::keyOf, cursors);
    }

    @GetMapping("/api/account/orders/{orderId}")
    OrderResponse order(Caller caller, @PathVariable UUID orderId) {
        return tracking.findForCustomer(orderId, caller.customerId()).map(OrderResponse::of)
                .orElseThrow(() -> OrderTracking.unknown(orderId));
    }
}
