/** The gateway: the edge (routing, resilience, limits, headers) in {@code edge}, the storefront's pages apart. */
@NullMarked
package dev.atelier.gateway;

import org.jspecify.annotations.NullMarked;
