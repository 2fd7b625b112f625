/** Units sold per SKU and day, from OrderConfirmed: best-selling sort and social proof. */
@NullMarked
package dev.atelier.catalog.sales;

import org.jspecify.annotations.NullMarked;
