/** Staff's view of accounts: search, lock and unlock, roles. */
@NullMarked
package dev.atelier.customer.admin;

import org.jspecify.annotations.NullMarked;
