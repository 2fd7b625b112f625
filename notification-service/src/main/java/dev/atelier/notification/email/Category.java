package dev.atelier.notification.email;

/**
 * Why an e-mail is sent, which decides who may receive it: transactional mail (the shopper's order, account) goes
 * to everyone, marketing mail (recovery sequences, reminders) only to addresses that did not unsubscribe, staff
 * mail to the workshop.
 */
public enum Category {
    TRANSACTIONAL,
    MARKETING,
    STAFF
}
