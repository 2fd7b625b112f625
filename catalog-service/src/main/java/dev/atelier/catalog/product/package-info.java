/** Products with their variants, personalisation options, images and bundle components: the aggregate and its administration. */
@NullMarked
package dev.atelier.catalog.product;

import org.jspecify.annotations.NullMarked;
