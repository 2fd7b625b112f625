/**
 * Bot protection on the sign-up and sign-in pages with Cloudflare Turnstile, when a site key and a secret are
 * configured (off locally and unless configured).
 */
@NullMarked
package dev.atelier.customer.botcheck;

import org.jspecify.annotations.NullMarked;
