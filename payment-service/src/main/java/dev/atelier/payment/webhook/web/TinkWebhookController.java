package dev.atelier.payment.webhook.web;

import dev.atelier.payment.checkout.Payment;
import dev.atelier.payment.checkout.PaymentStatus;
import dev.atelier.payment.provider.ProviderRejectedException;
import dev.atelier.payment.provider.ProviderUnavailableException;
import dev.atelier.payment.webhook.InvalidEventException;
import dev.atelier.payment.webhook.InvalidSignatureException;
import dev.atelier.payment.webhook.TinkWebhooks;
import dev.atelier.payment.webhook.TinkWebhooks.TinkEvent;
import dev.atelier.payment.webhook.WebhookOutcome;
import dev.atelier.web.ProblemException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/tink}: Tink's events, verified over the raw bytes (400 and nothing written otherwise).
 * {@code GET /api/payments/bank/{paymentRequestId}/status}: what the page Tink Link returns the shopper to shows while
 * the bank decides; it asks Tink itself when no webhook has come yet.
 */
@RestController
class TinkWebhookController {

    private static final int MAX_ID_LENGTH = 64;

    private final TinkWebhooks webhooks;

    TinkWebhookController(TinkWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping("/webhooks/tink")
    Map<String, Object> receive(@RequestBody(required = false) byte @Nullable [] body,
            @RequestHeader(name = "X-Tink-Signature", required = false) @Nullable String signature) {
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("invalid-signature", "the webhook has no body");
        }
        TinkEvent event;
        try {
            event = webhooks.verify(body, signature);
        } catch (InvalidSignatureException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-signature", "Webhook signature not verified",
                    e.getMessage());
        }
        try {
            WebhookOutcome outcome = webhooks.handle(event);
            return Map.of("received", true, "event", event.event(), "outcome", outcome.name());
        } catch (InvalidEventException e) {
            throw ProblemException.badRequest("invalid-event", e.getMessage());
        }
    }

    @GetMapping("/api/payments/bank/{paymentRequestId}/status")
    Map<String, Object> status(@PathVariable String paymentRequestId) {
        if (paymentRequestId.length() > MAX_ID_LENGTH || !paymentRequestId.matches("[A-Za-z0-9_-]+")) {
            throw ProblemException.badRequest("invalid-payment-request-id", "not a Tink payment request id");
        }
        Payment payment;
        try {
            payment = webhooks.returnStatus(paymentRequestId).orElseThrow(() -> ProblemException.notFound(
                    "unknown-payment-request", "no bank payment of this store has payment request " + paymentRequestId));
        } catch (ProviderUnavailableException | ProviderRejectedException e) {
            throw ProblemException.unavailable("provider-unavailable", "Tink could not be asked", Duration.ofSeconds(5));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("orderId", payment.orderId());
        answer.put("orderNumber", payment.orderNumber());
        answer.put("status", payment.status().name());
        answer.put("settled", !payment.status().awaitingMoney());
        if (payment.status() == PaymentStatus.SUCCEEDED) {
            answer.put("continueUrl", payment.successUrl());
        } else if (!payment.status().awaitingMoney()) {
            answer.put("continueUrl", payment.cancelUrl());
        }
        return answer;
    }
}
