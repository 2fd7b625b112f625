package dev.atelier.payment.giftcard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Codes carry 80 random bits and a check character that catches every single mistyped character. */
class GiftCardCodesTest {

    @Test
    void aGeneratedCodeHasEightyBitsAndACorrectCheckCharacter() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String code = GiftCardCodes.generate();
            assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}-[0-9A-HJKMNP-TV-Z]");
            assertThat(GiftCardCodes.normalise(code)).isPresent();
            assertThat(seen.add(code)).isTrue();
        }
        // 16 characters of a 32-letter alphabet: 16 x 5 = 80 bits
        assertThat(GiftCardCodes.ALPHABET).hasSize(32);
    }

    @Test
    void everySingleCharacterChangeIsCaught() {
        String canonical = GiftCardCodes.normalise(GiftCardCodes.generate()).orElseThrow();
        for (int position = 0; position < canonical.length(); position++) {
            for (char c : GiftCardCodes.ALPHABET.toCharArray()) {
                if (c == canonical.charAt(position)) {
                    continue;
                }
                String typo = canonical.substring(0, position) + c + canonical.substring(position + 1);
                assertThat(GiftCardCodes.normalise(typo)).as(typo).isEmpty();
            }
        }
    }

    @Test
    void readsWhatPeopleTypeLeniently() {
        String code = GiftCardCodes.generate();
        String canonical = GiftCardCodes.normalise(code).orElseThrow();
        assertThat(GiftCardCodes.normalise(code.toLowerCase().replace("-", " "))).contains(canonical);
        assertThat(GiftCardCodes.normalise(canonical.replace('0', 'O').replace('1', 'I'))).contains(canonical);
        assertThat(GiftCardCodes.normalise("not a code")).isEmpty();
        assertThat(GiftCardCodes.normalise(canonical.substring(1))).isEmpty();
    }
}
