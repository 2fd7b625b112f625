/** Stock figures, every change of them through one guarded statement with its ledger row, and the stock events. */
@NullMarked
package dev.atelier.inventory.stock;

import org.jspecify.annotations.NullMarked;
