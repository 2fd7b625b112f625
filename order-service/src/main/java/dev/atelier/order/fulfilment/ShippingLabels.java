package dev.atelier.order.fulfilment;

import dev.atelier.web.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The exchange with a label tool such as Pirate Ship: the orders with lines ready to ship go out as a CSV of
 * addresses; the tool's CSV of tracking numbers comes back and ships those lines. An import applies every good row,
 * reports every bad one by its line number with the reason, and can be run again without shipping anything twice.
 */
@Service
public class ShippingLabels {

    /** Pirate Ship's spreadsheet import columns (weights and sizes are left for the packer to fill in). */
    static final List<String> EXPORT_COLUMNS = List.of("Order ID", "Name", "Company", "Address", "Address 2", "City",
            "State", "Zipcode", "Country", "Email", "Phone", "Pounds", "Ounces", "Length", "Width", "Height",
            "Description");

    /** What an import did: rows applied, rows that were already applied, and the refused rows. */
    public record ImportReport(int applied, int alreadyApplied, List<RowProblem> errors) {
    }

    /** A refused row: its line in the file (the header is line 1), the order it named and why. */
    public record RowProblem(int line, @Nullable String orderNumber, String reason) {
    }

    private final JdbcClient jdbc;
    private final FulfilmentLines lines;
    private final Fulfilment fulfilment;

    ShippingLabels(JdbcClient jdbc, FulfilmentLines lines, Fulfilment fulfilment) {
        this.jdbc = jdbc;
        this.lines = lines;
        this.fulfilment = fulfilment;
    }

    /** One row per paid order that has lines READY, with what the parcel holds. */
    public String export() {
        StringBuilder csv = new StringBuilder(Csv.line(EXPORT_COLUMNS));
        jdbc.sql("""
                SELECT o.order_number, o.ship_name, o.ship_line1, o.ship_line2, o.ship_city, o.ship_postcode,
                    o.ship_country, o.email,
                    string_agg(l.quantity || ' x ' || l.sku, '; ' ORDER BY l.position) AS description
                FROM orders o JOIN order_line l ON l.order_id = o.id
                WHERE o.status IN ('PAID', 'PROCESSING') AND l.fulfilment_status = 'READY'
                    AND o.ship_line1 IS NOT NULL
                GROUP BY o.id ORDER BY o.placed_at, o.id""")
                .query(rs -> {
                    csv.append(Csv.line(List.of(rs.getString("order_number"), rs.getString("ship_name"), "",
                            rs.getString("ship_line1"), nullToEmpty(rs.getString("ship_line2")),
                            rs.getString("ship_city"), "", rs.getString("ship_postcode"), rs.getString("ship_country"),
                            rs.getString("email"), "", "", "", "", "", "", rs.getString("description"))));
                });
        return csv.toString();
    }

    /**
     * Ships, for each row {@code Order ID, Tracking Number[, Carrier][, Tracking URL]}, the order's READY lines.
     * A row whose tracking number the order's lines already carry is counted as already applied.
     */
    public ImportReport importTracking(String csv, String actor) {
        List<List<String>> rows = Csv.parse(csv.startsWith("\uFEFF") ? csv.substring(1) : csv);
        if (rows.isEmpty()) {
            throw ProblemException.badRequest("invalid-csv", "the file is empty");
        }
        Map<String, Integer> columns = columnsOf(rows.getFirst());
        Integer orderColumn = columns.get("order id");
        Integer trackingColumn = columns.get("tracking number");
        if (orderColumn == null || trackingColumn == null) {
            throw ProblemException.badRequest("invalid-csv", "the header must name the columns 'Order ID' and "
                    + "'Tracking Number' (found " + rows.getFirst() + ")");
        }
        int applied = 0;
        int alreadyApplied = 0;
        List<RowProblem> errors = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            int line = i + 1;
            if (row.stream().allMatch(String::isBlank)) {
                continue;
            }
            String number = field(row, orderColumn);
            String tracking = field(row, trackingColumn);
            String carrier = Optional.ofNullable(columns.get("carrier")).map(c -> field(row, c))
                    .filter(c -> !c.isBlank()).orElse("Royal Mail");
            String trackingUrl = Optional.ofNullable(columns.get("tracking url")).map(c -> field(row, c))
                    .filter(u -> !u.isBlank()).orElse(null);
            if (number.isBlank()) {
                errors.add(new RowProblem(line, null, "no order number"));
                continue;
            }
            if (tracking.isBlank()) {
                errors.add(new RowProblem(line, number, "no tracking number"));
                continue;
            }
            Optional<UUID> orderId = jdbc.sql("SELECT id FROM orders WHERE order_number = ?")
                    .param(number.strip().toUpperCase(Locale.ROOT)).query(UUID.class).optional();
            if (orderId.isEmpty()) {
                errors.add(new RowProblem(line, number, "no such order"));
                continue;
            }
            List<FulfilmentLines.Line> ofOrder = lines.of(orderId.get());
            if (ofOrder.stream().anyMatch(l -> tracking.strip().equals(l.trackingNumber()))) {
                alreadyApplied++;
                continue;
            }
            List<UUID> ready = ofOrder.stream().filter(l -> l.status() == LineStatus.READY)
                    .map(FulfilmentLines.Line::lineId).toList();
            if (ready.isEmpty()) {
                errors.add(new RowProblem(line, number, "no line of the order is READY to ship (lines are "
                        + ofOrder.stream().map(l -> l.status().name()).distinct().collect(Collectors.joining(", "))
                        + ")"));
                continue;
            }
            try {
                fulfilment.ship(orderId.get(), ready, carrier.strip(), tracking.strip(), trackingUrl, actor);
                applied++;
            } catch (ProblemException refused) {
                errors.add(new RowProblem(line, number, refused.getMessage()));
            }
        }
        return new ImportReport(applied, alreadyApplied, errors);
    }

    private static Map<String, Integer> columnsOf(List<String> header) {
        Map<String, Integer> columns = new java.util.HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.putIfAbsent(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        return columns;
    }

    private static String field(List<String> row, int column) {
        return column < row.size() ? row.get(column) : "";
    }

    private static String nullToEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }
}
