/** The reviews' HTTP API: the public list, the customer's own reviews, staff's moderation. */
@NullMarked
package dev.atelier.catalog.review.web;

import org.jspecify.annotations.NullMarked;
