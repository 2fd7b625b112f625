/** Occasion reminders: a yearly date the customer wants to be reminded of, and the job that sends ReminderDue. */
@NullMarked
package dev.atelier.customer.reminder;

import org.jspecify.annotations.NullMarked;
