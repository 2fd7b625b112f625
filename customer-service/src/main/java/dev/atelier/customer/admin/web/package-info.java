/** The admin API under /api/admin/customers. */
@NullMarked
package dev.atelier.customer.admin.web;

import org.jspecify.annotations.NullMarked;
