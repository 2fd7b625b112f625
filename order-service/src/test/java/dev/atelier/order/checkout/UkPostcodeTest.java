package dev.atelier.order.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** UK postcodes in every outward form Royal Mail uses, written as shoppers type them. */
class UkPostcodeTest {

    @ParameterizedTest
    @CsvSource({"sw1a 1aa,SW1A 1AA", "M1 1AE,M1 1AE", "b338th,B33 8TH", "CR2 6XH,CR2 6XH", "dn55 1pt,DN55 1PT",
            "W1A 0AX,W1A 0AX", "EC1A  1BB,EC1A 1BB", "GIR 0AA,GIR 0AA", "yo1 7hh,YO1 7HH"})
    void acceptsAndNormalisesRealPostcodes(String typed, String canonical) {
        assertThat(UkPostcode.normalise(typed)).contains(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345", "SW1A", "SW1A 1A", "QW1 1AA", "SW1A 1CA", "90210-1234", "NOT A POSTCODE"})
    void refusesWhatIsNotAPostcode(String typed) {
        assertThat(UkPostcode.normalise(typed)).isEmpty();
    }
}
