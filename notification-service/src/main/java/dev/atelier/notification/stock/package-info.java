/** Low-stock alerts to the workshop's staff. */
@NullMarked
package dev.atelier.notification.stock;

import org.jspecify.annotations.NullMarked;
