package dev.atelier.payment.webhook.web;

import dev.atelier.payment.provider.ProviderRejectedException;
import dev.atelier.payment.provider.ProviderUnavailableException;
import dev.atelier.payment.webhook.InvalidSignatureException;
import dev.atelier.payment.webhook.PaymentNotYetKnownException;
import dev.atelier.payment.webhook.StripeEvent;
import dev.atelier.payment.webhook.StripeWebhooks;
import dev.atelier.payment.webhook.WebhookOutcome;
import dev.atelier.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/stripe}: the body is read as raw bytes, because the signature covers exactly those bytes.
 * 400 for anything that does not verify (nothing written); 200 for an event applied or seen before; 409 for a
 * charge event that arrived before its payment, so that Stripe delivers it again later.
 */
@RestController
class StripeWebhookController {

    private final StripeWebhooks webhooks;

    StripeWebhookController(StripeWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping("/webhooks/stripe")
    Map<String, Object> receive(@RequestBody(required = false) byte @Nullable [] body,
            @RequestHeader(name = "Stripe-Signature", required = false) @Nullable String signature) {
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("invalid-signature", "the webhook has no body");
        }
        StripeEvent event;
        try {
            event = webhooks.verify(new String(body, StandardCharsets.UTF_8), signature);
        } catch (InvalidSignatureException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-signature", "Webhook signature not verified",
                    e.getMessage());
        }
        try {
            WebhookOutcome outcome = webhooks.handle(event);
            return Map.of("received", true, "eventId", event.id(), "outcome", outcome.name());
        } catch (PaymentNotYetKnownException e) {
            throw ProblemException.conflict("payment-not-yet-known", e.getMessage());
        } catch (InvalidSignatureException e) {
            throw ProblemException.badRequest("invalid-event", e.getMessage());
        } catch (ProviderUnavailableException | ProviderRejectedException e) {
            throw ProblemException.unavailable("provider-unavailable", "the event could not be checked with the provider: "
                    + e.getMessage(), Duration.ofSeconds(30));
        }
    }
}
