/** Account mail (sign-up code, password reset, occasion reminder), composed ahead of customer-service's events. */
@NullMarked
package dev.atelier.notification.account;

import org.jspecify.annotations.NullMarked;
