package dev.atelier.payment.checkout.web;

import dev.atelier.events.Money;
import dev.atelier.payment.checkout.Payment;
import dev.atelier.payment.checkout.Payments;
import dev.atelier.payment.checkout.Payments.PaymentRecord;
import dev.atelier.payment.checkout.RefundRefusedException;
import dev.atelier.payment.checkout.Refunds;
import dev.atelier.payment.checkout.Refunds.Refund;
import dev.atelier.payment.checkout.UnknownPaymentException;
import dev.atelier.web.ProblemException;
import dev.atelier.web.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/admin/payments}: what happened to an order's payment (attempts, provider references, amounts, status,
 * webhooks, refunds) and full or partial refunds, each announced as PaymentRefunded once the provider confirmed it.
 * A resource server of customer-service's tokens guards these paths (platform/web: a STAFF or ADMIN token signed in
 * with the second factor); the actor of a refund is the caller's account.
 */
@RestController
class PaymentAdminController {

    private final Payments payments;
    private final Refunds refunds;

    PaymentAdminController(Payments payments, Refunds refunds) {
        this.payments = payments;
        this.refunds = refunds;
    }

    /** A payment as the back-office sees it. */
    record PaymentView(UUID paymentId, UUID orderId, String orderNumber, String method, String provider, String status,
            Money amount, @Nullable Long paidAmount, long refundedAmount, @Nullable String sessionId,
            @Nullable String redirectUrl, @Nullable Instant expiresAt, @Nullable String providerReference,
            boolean orderCancelled, boolean disputed, @Nullable String failureReason, int openAttempts,
            Instant createdAt, List<PaymentRecord> records, List<RefundView> refunds) {
    }

    /** A refund as the back-office sees it. */
    record RefundView(UUID refundId, long amount, String reason, String actor, String status,
            @Nullable String providerReference, int attempts, @Nullable String lastError, Instant createdAt) {

        static RefundView of(Refund refund) {
            return new RefundView(refund.id(), refund.amount(), refund.reason(), refund.actor(), refund.status(),
                    refund.providerReference(), refund.attempts(), refund.lastError(), refund.createdAt());
        }
    }

    /** {@code amount} in minor units of the payment's currency; all that is left when omitted. */
    record RefundRequest(@Nullable @Positive Long amount, @NotBlank @Size(max = 500) String reason) {
    }

    @GetMapping("/api/admin/payments")
    List<PaymentView> byOrder(@RequestParam UUID orderId) {
        return payments.findByOrder(orderId).map(this::view).stream().toList();
    }

    @GetMapping("/api/admin/payments/{paymentId}")
    PaymentView one(@PathVariable UUID paymentId) {
        return payments.find(paymentId).map(this::view)
                .orElseThrow(() -> ProblemException.notFound("unknown-payment", "no payment " + paymentId));
    }

    /**
     * Refunds in full or in part. The {@code Idempotency-Key} header makes a retried request the same refund. 201 once
     * the provider confirmed; 202 while it is still being retried.
     */
    @PostMapping("/api/admin/payments/{paymentId}/refunds")
    ResponseEntity<RefundView> refund(@PathVariable UUID paymentId, @Valid @RequestBody RefundRequest request,
            Caller caller, @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey) {
        String key = idempotencyKey == null || idempotencyKey.isBlank()
                ? "atelier-refund-" + UUID.randomUUID()
                : "atelier-refund-" + paymentId + "-" + idempotencyKey;
        Refund refund;
        try {
            refund = refunds.request(paymentId, request.amount(), request.reason(), caller.actor(), key);
        } catch (UnknownPaymentException e) {
            throw ProblemException.notFound("unknown-payment", e.getMessage());
        } catch (RefundRefusedException e) {
            throw ProblemException.conflict(e.type(), e.getMessage());
        }
        Refund done = refunds.execute(refund.id()).orElse(refund);
        HttpStatus status = switch (done.status()) {
            case "SUCCEEDED" -> HttpStatus.CREATED;
            case "FAILED" -> HttpStatus.BAD_GATEWAY;
            default -> HttpStatus.ACCEPTED;
        };
        return ResponseEntity.status(status).body(RefundView.of(done));
    }

    private PaymentView view(Payment p) {
        return new PaymentView(p.id(), p.orderId(), p.orderNumber(), p.method(), p.provider(), p.status().name(),
                p.amount(), p.paidAmount(), p.refundedAmount(), p.sessionId(), p.redirectUrl(), p.expiresAt(),
                p.providerReference(), p.orderCancelled(), p.disputed(), p.failureReason(), p.openAttempts(),
                p.createdAt(), payments.records(p.id()), refunds.ofPayment(p.id()).stream().map(RefundView::of).toList());
    }
}
