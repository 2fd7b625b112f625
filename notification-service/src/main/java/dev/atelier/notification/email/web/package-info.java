/** Staff's e-mail log API: filters, cursor pages and retry. */
@NullMarked
package dev.atelier.notification.email.web;

import org.jspecify.annotations.NullMarked;
