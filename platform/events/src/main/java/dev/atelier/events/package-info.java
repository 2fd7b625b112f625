/** Event contracts shared by every service: records, names, versions, topics, money and the JSON mapping. */
@NullMarked
package dev.atelier.events;

import org.jspecify.annotations.NullMarked;
