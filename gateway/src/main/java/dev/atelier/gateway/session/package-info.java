/**
 * Server-side sessions of signed-in shoppers and staff, kept in the gateway's own PostgreSQL database so that a
 * session survives a restart of the gateway and is seen by every replica.
 */
@NullMarked
package dev.atelier.gateway.session;

import org.jspecify.annotations.NullMarked;
