/** The server-rendered sign-up and verification pages. */
@NullMarked
package dev.atelier.customer.account.web;

import org.jspecify.annotations.NullMarked;
