package dev.atelier.order.returns.web;

import dev.atelier.order.checkout.OrderTracking;
import dev.atelier.order.returns.Returns;
import dev.atelier.web.Actors;
import dev.atelier.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Returns over HTTP: the shopper asks with the order's token ({@code /api/orders/{id}/returns}); an admin asks for
 * them, decides, receives and refunds under {@code /api/admin/**}.
 */
@RestController
class ReturnController {

    record ReturnRequest(@NotEmpty @Valid List<Line> lines) {

        record Line(@NotNull UUID lineId, @Positive @Max(1000) int quantity, @NotBlank @Size(max = 500) String reason) {
        }

        List<Returns.LineRequest> toLines() {
            return lines.stream().map(l -> new Returns.LineRequest(l.lineId(), l.quantity(), l.reason().strip()))
                    .toList();
        }
    }

    record Refusal(@NotBlank @Size(max = 500) String reason) {
    }

    record Receipt(@NotEmpty List<@Valid ReceivedLine> lines) {

        record ReceivedLine(@NotNull UUID lineId, boolean resellable) {
        }
    }

    record Refund(@Nullable @Positive Long amount) {
    }

    private final Returns returns;
    private final OrderTracking tracking;

    ReturnController(Returns returns, OrderTracking tracking) {
        this.returns = returns;
        this.tracking = tracking;
    }

    @PostMapping("/api/orders/{orderId}/returns")
    @ResponseStatus(HttpStatus.CREATED)
    Returns.ReturnView requestByShopper(@PathVariable UUID orderId, @Valid @RequestBody ReturnRequest body,
            @RequestHeader(name = "X-Order-Token", required = false) @Nullable String token) {
        var order = tracking.find(orderId, token).orElseThrow(() -> OrderTracking.unknown(orderId));
        return returns.request(orderId, body.toLines(), order.order().email());
    }

    @PostMapping("/api/admin/orders/{orderId}/returns")
    @ResponseStatus(HttpStatus.CREATED)
    Returns.ReturnView requestByAdmin(@PathVariable UUID orderId, @Valid @RequestBody ReturnRequest body,
            @RequestHeader(name = Actors.HEADER, required = false) @Nullable String actor) {
        return returns.request(orderId, body.toLines(), Actors.of(actor));
    }

    @GetMapping("/api/admin/orders/{orderId}/returns")
    List<Returns.ReturnView> ofOrder(@PathVariable UUID orderId) {
        return returns.ofOrder(orderId);
    }

    @GetMapping("/api/admin/returns/{returnId}")
    Returns.ReturnView one(@PathVariable UUID returnId) {
        return returns.find(returnId).orElseThrow(() -> ProblemException.notFound("unknown-return",
                "there is no return " + returnId));
    }

    @PostMapping("/api/admin/returns/{returnId}/approve")
    Returns.ReturnView approve(@PathVariable UUID returnId,
            @RequestHeader(name = Actors.HEADER, required = false) @Nullable String actor) {
        return returns.approve(returnId, Actors.of(actor));
    }

    @PostMapping("/api/admin/returns/{returnId}/refuse")
    Returns.ReturnView refuse(@PathVariable UUID returnId, @Valid @RequestBody Refusal body,
            @RequestHeader(name = Actors.HEADER, required = false) @Nullable String actor) {
        return returns.refuse(returnId, body.reason().strip(), Actors.of(actor));
    }

    @PostMapping("/api/admin/returns/{returnId}/receive")
    Returns.ReturnView receive(@PathVariable UUID returnId, @Valid @RequestBody Receipt body,
            @RequestHeader(name = Actors.HEADER, required = false) @Nullable String actor) {
        Map<UUID, Boolean> resellable = body.lines().stream()
                .collect(Collectors.toMap(Receipt.ReceivedLine::lineId, Receipt.ReceivedLine::resellable, (a, b) -> a));
        return returns.receive(returnId, resellable, Actors.of(actor));
    }

    @PostMapping("/api/admin/returns/{returnId}/refund")
    Returns.ReturnView refund(@PathVariable UUID returnId, @Valid @RequestBody(required = false) @Nullable Refund body,
            @RequestHeader(name = Actors.HEADER, required = false) @Nullable String actor) {
        return returns.refund(returnId, body == null ? null : body.amount(), Actors.of(actor));
    }
}
