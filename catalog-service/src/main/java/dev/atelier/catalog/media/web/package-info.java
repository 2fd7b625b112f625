/** Uploads for staff and shoppers, and the images served to browsers. */
@NullMarked
package dev.atelier.catalog.media.web;

import org.jspecify.annotations.NullMarked;
