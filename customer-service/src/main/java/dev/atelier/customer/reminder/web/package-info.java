/** The reminders API under /api/account/reminders. */
@NullMarked
package dev.atelier.customer.reminder.web;

import org.jspecify.annotations.NullMarked;
