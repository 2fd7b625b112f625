/** The rules of a SKU's personalisation options: values checked and normalised, the price delta. */
@NullMarked
package dev.atelier.catalog.personalisation;

import org.jspecify.annotations.NullMarked;
