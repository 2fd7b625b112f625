package dev.atelier.order.fulfilment.web;

import dev.atelier.order.checkout.OrderStatus;
import dev.atelier.order.fulfilment.AdminOrders;
import dev.atelier.order.fulfilment.Fulfilment;
import dev.atelier.order.fulfilment.LineStatus;
import dev.atelier.order.fulfilment.ShippingLabels;
import dev.atelier.web.Actors;
import dev.atelier.web.CursorPage;
import dev.atelier.web.Cursors;
import dev.atelier.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The workshop's API for orders: search, one order with what to make, moving lines, shipping parcels, marking
 * delivery. The gateway guards {@code /api/admin/**} (staff with a second factor); the actor comes from
 * {@code X-Atelier-Actor}.
 */
@RestController
@RequestMapping("/api/admin/orders")
class OrderAdminController {

    record MoveLines(@NotEmpty List<UUID> lineIds, @NotNull LineStatus status) {
    }

    record Shipment(@NotEmpty List<UUID> lineIds, @NotBlank @Size(max = 60) String carrier,
            @NotBlank @Size(max = 60) String trackingNumber, @Nullable @Size(max = 500) String trackingUrl) {
    }

    record Delivery(@Nullable List<UUID> lineIds) {
    }

    private final AdminOrders adminOrders;
    private final Fulfilment fulfilment;
    private final ShippingLabels labels;
    private final Cursors cursors;

    OrderAdminController(AdminOrders adminOrders, Fulfilment fulfilment, ShippingLabels labels, Cursors cursors) {
        this.adminOrders = adminOrders;
        this.fulfilment = fulfilment;
        this.labels = labels;
        this.cursors = cursors;
    }

    /** The orders with lines ready to ship, as a CSV for Pirate Ship's spreadsheet import. */
    @GetMapping(path = "/shipping-labels.csv", produces = "text/csv")
    ResponseEntity<String> shippingLabels() {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"shipping-labels.csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(labels.export());
    }

    /** The label tool's CSV of tracking numbers: good rows ship, bad rows come back with their line and reason. */
    @PostMapping(path = "/shipping-labels", consumes = {"text/csv", "text/plain"})
    ShippingLabels.ImportReport importTracking(@RequestBody String csv,
            @RequestHeader(name = Actors.HEADER, required = false) @Nullable String actor) {
        return labels.importTracking(csv, Actors.of(actor));
    }

    @GetMapping
    CursorPage<AdminOrders.Summary> search(@RequestParam(required = false) @Nullable String number,
            @RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false) @Nullable OrderStatus status,
            @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to,
            @RequestParam(required = false) @Nullable UUID customerId,
            @RequestParam(defaultValue = "false") boolean needsAttention,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable Integer limit) {
        int size = Cursors.limit(limit, 25, 100);
        List<AdminOrders.Summary> fetched = adminOrders.search(
                new AdminOrders.Filter(number, email, status, from, to, customerId, needsAttention), cursors.decode(cursor), size + 1);
        return CursorPage.of(fetched, size, AdminOrders::keyOf, cursors);
    }

    @GetMapping("/{orderId}")
    AdminOrders.AdminOrder order(@PathVariable UUID orderId) {
        return adminOrders.find(orderId).orElseThrow(() -> ProblemException.notFound("unknown-order",
                "there is no order " + orderId));
    }

    @PostMapping("/{orderId}/lines/status")
    AdminOrders.AdminOrder move(@PathVariable UUID orderId, @Valid @RequestBody MoveLines body,
            @RequestHeader(name = Actors.HEADER, required = false) @Nullable String actor) {
        fulfilment.move(orderId, body.lineIds(), body.status(), Actors.of(actor));
        return order(orderId);
    }

    @PostMapping("/{orderId}/shipments")
    AdminOrders.AdminOrder ship(@PathVariable UUID orderId, @Valid @RequestBody Shipment body,
            @RequestHeader(name = Actors.HEADER, required = false) @Nullable String actor) {
        fulfilment.ship(orderId, body.lineIds(), body.carrier().strip(), body.trackingNumber().strip(),
                body.trackingUrl(), Actors.of(actor));
        return order(orderId);
    }

    @PostMapping("/{orderId}/deliveries")
    AdminOrders.AdminOrder deliver(@PathVariable UUID orderId, @RequestBody(required = false) @Nullable Delivery body,
            @RequestHeader(name = Actors.HEADER, required = false) @Nullable String actor) {
        fulfilment.deliver(orderId, body == null || body.lineIds() == null ? List.of() : body.lineIds(),
                Actors.of(actor));
        return order(orderId);
    }
}
