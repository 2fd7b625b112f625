/** The public subscription request (JSON) and the confirmation page behind the e-mailed link (HTML). */
@NullMarked
package dev.atelier.notification.subscription.web;

import org.jspecify.annotations.NullMarked;
