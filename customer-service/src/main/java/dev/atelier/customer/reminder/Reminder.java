package dev.atelier.customer.reminder;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.UUID;

/** A yearly occasion: whose, which, on which day, and how many days ahead the customer wants to hear of it. */
public record Reminder(UUID id, String forWhom, String occasion, MonthDay date, int daysBefore) {

    /** The next time the occasion falls on or after {@code today}; 29 February falls on the 28th in other years. */
    public LocalDate nextOccurrence(LocalDate today) {
        LocalDate thisYear = onYear(today.getYear());
        return thisYear.isBefore(today) ? onYear(today.getYear() + 1) : thisYear;
    }

    private LocalDate onYear(int year) {
        return date.isValidYear(year) ? date.atYear(year) : LocalDate.of(year, date.getMonth(), 28);
    }
}
