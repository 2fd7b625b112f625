/** The sign-in page and the staff second-factor enrolment page. */
@NullMarked
package dev.atelier.customer.signin.web;

import org.jspecify.annotations.NullMarked;
