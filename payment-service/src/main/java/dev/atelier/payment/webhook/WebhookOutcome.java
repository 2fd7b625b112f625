package dev.atelier.payment.webhook;

import dev.atelier.payment.checkout.PaymentOutcomes.Effect;

/** What became of a verified provider event. */
public enum WebhookOutcome {
    APPLIED, NO_CHANGE, MISMATCH, STALE, IGNORED, DUPLICATE;

    static WebhookOutcome of(Effect effect) {
        return switch (effect) {
            case APPLIED -> APPLIED;
            case NO_CHANGE -> NO_CHANGE;
            case MISMATCH -> MISMATCH;
        };
    }
}
