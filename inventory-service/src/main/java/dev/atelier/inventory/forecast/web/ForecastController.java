package dev.atelier.inventory.forecast.web;

import dev.atelier.inventory.forecast.Forecast;
import dev.atelier.inventory.forecast.Forecasting;
import dev.atelier.web.CursorPage;
import dev.atelier.web.Cursors;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reorder planning for staff: every SKU's sales pace and days of stock left, most urgent first. */
@RestController
class ForecastController {

    private final Forecasting forecasting;
    private final Cursors cursors;

    ForecastController(Forecasting forecasting, Cursors cursors) {
        this.forecasting = forecasting;
        this.cursors = cursors;
    }

    @GetMapping("/api/admin/inventory/forecast")
    CursorPage<Forecast> forecast(@RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable Integer limit) {
        int size = Cursors.limit(limit, 50, 200);
        String offsetKey = cursors.decode(cursor);
        int offset;
        try {
            offset = offsetKey == null ? 0 : Integer.parseInt(offsetKey);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cursor is not one this API handed out");
        }
        List<Forecast> all = forecasting.all();
        List<Forecast> page = all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + size));
        String next = offset + size < all.size() ? cursors.encode(String.valueOf(offset + size)) : null;
        return new CursorPage<>(List.copyOf(page), next);
    }
}
