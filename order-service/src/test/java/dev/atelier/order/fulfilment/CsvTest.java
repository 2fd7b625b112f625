package dev.atelier.order.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV that label tools exchange: quotes, commas and line breaks inside fields, CRLF, and no formulas out. */
class CsvTest {

    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaks() {
        List<List<String>> rows = Csv.parse("Order ID,Note\r\nAT-2026-000001,\"Flat 2, \"\"The Mill\"\"\nYork\"\r\n"
                + "AT-2026-000002,\n");

        assertThat(rows).containsExactly(List.of("Order ID", "Note"),
                List.of("AT-2026-000001", "Flat 2, \"The Mill\"\nYork"), List.of("AT-2026-000002", ""));
    }

    @Test
    void writesFieldsBackSoTheyReadTheSameAndNeverAsAFormula() {
        String line = Csv.line(List.of("Flat 2, \"The Mill\"", "=HYPERLINK(\"x\")", "plain"));

        assertThat(line).isEqualTo("\"Flat 2, \"\"The Mill\"\"\",\"'=HYPERLINK(\"\"x\"\")\",plain\r\n");
        assertThat(Csv.parse(line)).containsExactly(List.of("Flat 2, \"The Mill\"", "'=HYPERLINK(\"x\")", "plain"));
    }
}
