/** Customer accounts: sign-up with e-mail verification, the password policy, roles. */
@NullMarked
package dev.atelier.customer.account;

import org.jspecify.annotations.NullMarked;
