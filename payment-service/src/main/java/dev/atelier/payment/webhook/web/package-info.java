/** The webhook endpoints providers call. */
@NullMarked
package dev.atelier.payment.webhook.web;

import org.jspecify.annotations.NullMarked;
