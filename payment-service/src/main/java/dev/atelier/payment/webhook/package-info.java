/** Provider webhooks: the signature checked over the raw body, each provider event applied once. */
@NullMarked
package dev.atelier.payment.webhook;

import org.jspecify.annotations.NullMarked;
