/** Uploaded images: what their bytes were judged to be, where they are stored, and their resized variants. */
@NullMarked
package dev.atelier.catalog.media;

import org.jspecify.annotations.NullMarked;
