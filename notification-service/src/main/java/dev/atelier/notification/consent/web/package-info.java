/** The unsubscribe page and its one-click POST endpoint. */
@NullMarked
package dev.atelier.notification.consent.web;

import org.jspecify.annotations.NullMarked;
