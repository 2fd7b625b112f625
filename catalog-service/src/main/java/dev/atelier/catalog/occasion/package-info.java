/** Occasions (Birthday, Wedding, Christmas, New Baby) products are bought for. */
@NullMarked
package dev.atelier.catalog.occasion;

import org.jspecify.annotations.NullMarked;
