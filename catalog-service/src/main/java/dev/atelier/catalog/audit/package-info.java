/** Who changed an aggregate and when: the audit columns every administered table carries. */
@NullMarked
package dev.atelier.catalog.audit;

import org.jspecify.annotations.NullMarked;
