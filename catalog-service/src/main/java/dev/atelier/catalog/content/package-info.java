/** Editorial content: blog posts with their authors, scheduled promotional banners, landing pages. */
@NullMarked
package dev.atelier.catalog.content;

import org.jspecify.annotations.NullMarked;
