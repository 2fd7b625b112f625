package dev.atelier.inventory.stock.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** The bodies the stock admin API accepts. */
final class StockRequests {

    static final String SKU_PATTERN = "^[A-Z0-9][A-Z0-9._-]{0,63}$";
    static final String SKU_MESSAGE = "must be 1 to 64 characters: capital letters, digits, '.', '_' or '-'";

    private StockRequests() {
    }

    record Register(
            @NotNull @Pattern(regexp = SKU_PATTERN, message = SKU_MESSAGE) String sku,
            @PositiveOrZero Long reorderPoint,
            @PositiveOrZero Long reorderQuantity) {
    }

    record Receipt(@NotNull @Positive Long quantity, @Nullable @Size(max = 120) String reference,
            @Nullable @Size(max = 500) String note) {
    }

    record Return(@NotNull @Positive Long quantity, @NotBlank @Size(max = 500) String reason,
            @Nullable @Size(max = 120) String reference) {
    }

    record Adjustment(@NotNull Long delta, @NotBlank @Size(max = 500) String reason) {
    }

    record ReorderPolicy(@NotNull @PositiveOrZero Long reorderPoint, @NotNull @PositiveOrZero Long reorderQuantity) {
    }
}
