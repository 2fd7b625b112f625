package dev.atelier.inventory.stock.web;

import dev.atelier.inventory.stock.Ledger;
import dev.atelier.inventory.stock.LedgerEntry;
import dev.atelier.inventory.stock.StockAdministration;
import dev.atelier.inventory.stock.StockFigures;
import dev.atelier.inventory.stock.Stock;
import dev.atelier.inventory.stock.UnknownSkuException;
import dev.atelier.web.Actors;
import dev.atelier.web.CursorPage;
import dev.atelier.web.Cursors;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Staff's stock API: SKUs, receipts, returns, adjustments, reorder policies, low stock and the ledger. */
@RestController
@RequestMapping("/api/admin/inventory")
class StockAdminController {

    private final StockAdministration administration;
    private final Stock stock;
    private final Ledger ledger;
    private final Cursors cursors;

    StockAdminController(StockAdministration administration, Stock stock, Ledger ledger, Cursors cursors) {
        this.administration = administration;
        this.stock = stock;
        this.ledger = ledger;
        this.cursors = cursors;
    }

    @PostMapping("/skus")
    ResponseEntity<StockView> register(@Valid @RequestBody StockRequests.Register request) {
        StockFigures figures = administration.register(request.sku(),
                request.reorderPoint() == null ? 0 : request.reorderPoint(),
                request.reorderQuantity() == null ? 0 : request.reorderQuantity());
        return ResponseEntity.created(URI.create("/api/admin/inventory/skus/" + figures.sku()))
                .body(StockView.of(figures));
    }

    @GetMapping("/skus")
    CursorPage<StockView> skus(@RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable Integer limit) {
        int size = Cursors.limit(limit, 50, 200);
        List<StockView> fetched = stock.page(cursors.decode(cursor), size + 1).stream().map(StockView::of).toList();
        return CursorPage.of(fetched, size, StockView::sku, cursors);
    }

    @GetMapping("/skus/{sku}")
    StockView sku(@PathVariable String sku) {
        return stock.find(sku).map(StockView::of).orElseThrow(() -> new UnknownSkuException(sku));
    }

    @PostMapping("/skus/{sku}/receipts")
    StockView receive(@PathVariable String sku, @Valid @RequestBody StockRequests.Receipt request,
            @RequestHeader(name = Actors.HEADER, required = false) @Nullable String actor) {
        return StockView.of(administration.receive(sku, request.quantity(), Actors.of(actor), request.reference(),
                request.note()));
    }

    @PostMapping("/skus/{sku}/returns")
    StockView restock(@PathVariable String sku, @Valid @RequestBody StockRequests.Return request,
            @RequestHeader(name = Actors.HEADER, required = false) @Nullable String actor) {
        return StockView.of(administration.restock(sku, request.quantity(), Actors.of(actor), request.reason(),
                request.reference()));
    }

    @PostMapping("/skus/{sku}/adjustments")
    StockView adjust(@PathVariable String sku, @Valid @RequestBody StockRequests.Adjustment request,
            @RequestHeader(name = Actors.HEADER, required = false) @Nullable String actor) {
        return StockView.of(administration.adjust(sku, request.delta(), Actors.of(actor), request.reason()));
    }

    @PutMapping("/skus/{sku}/reorder-policy")
    StockView reorderPolicy(@PathVariable String sku, @Valid @RequestBody StockRequests.ReorderPolicy request) {
        return StockView.of(administration.setReorderPolicy(sku, request.reorderPoint(), request.reorderQuantity()));
    }

    @GetMapping("/low-stock")
    CursorPage<StockView> lowStock(@RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable Integer limit) {
        int size = Cursors.limit(limit, 50, 200);
        List<StockView> fetched = stock.low(cursors.decode(cursor), size + 1).stream().map(StockView::of).toList();
        return CursorPage.of(fetched, size, StockView::sku, cursors);
    }

    @GetMapping("/skus/{sku}/ledger")
    CursorPage<LedgerEntry> ledger(@PathVariable String sku, @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable Integer limit) {
        if (!stock.exists(sku)) {
            throw new UnknownSkuException(sku);
        }
        int size = Cursors.limit(limit, 50, 200);
        String before = cursors.decode(cursor);
        Long beforeId;
        try {
            beforeId = before == null ? null : Long.valueOf(before);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cursor is not one this API handed out");
        }
        return CursorPage.of(ledger.entries(sku, beforeId, size + 1), size, entry -> String.valueOf(entry.id()),
                cursors);
    }
}
