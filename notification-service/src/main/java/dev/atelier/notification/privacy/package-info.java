/**
 * A customer's data requests (docs/customer-data-requests.md): the export part (the e-mail log about them, their
 * consent) and the erasure (bodies deleted, log rows anonymised, consent and read models dropped).
 */
@NullMarked
package dev.atelier.notification.privacy;

import org.jspecify.annotations.NullMarked;
