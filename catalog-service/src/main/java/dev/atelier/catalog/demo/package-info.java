/** The demo catalogue ./atelier up creates through the admin APIs of catalog and inventory. */
@NullMarked
package dev.atelier.catalog.demo;

import org.jspecify.annotations.NullMarked;
