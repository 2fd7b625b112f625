package dev.atelier.catalog.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo data itself: unique slugs and SKUs, names that fit, every category and occasion used. */
class DemoCatalogueTest {

    @Test
    void slugsAndSkusAreUniqueAndEveryProductHasStockOrComponents() {
        List<DemoCatalogue.Product> products = DemoCatalogue.products();
        List<String> skus = products.stream().flatMap(p -> ((List<?>) p.draft().get("variants")).stream())
                .map(v -> (String) ((java.util.Map<?, ?>) v).get("sku")).toList();

        assertThat(products).hasSizeBetween(140, 160);
        assertThat(products).extracting(DemoCatalogue.Product::slug).doesNotHaveDuplicates();
        assertThat(products).allSatisfy(p -> assertThat(p.draft().get("slug")).isEqualTo(p.slug()));
        assertThat(skus).doesNotHaveDuplicates().allMatch(sku -> sku.matches("[A-Z0-9][A-Z0-9._-]{0,63}"));
        assertThat(products).allSatisfy(p -> assertThat(p.stock().isEmpty()).isEqualTo(p.isBundle()));
        assertThat(products).extracting(DemoCatalogue.Product::name).allMatch(name -> name.length() <= 200);
        assertThat(products.stream().flatMap(p -> ((List<?>) p.draft().get("occasions")).stream())
                .map(Object::toString).distinct())
                .containsExactlyInAnyOrder("birthday", "wedding", "christmas", "new-baby");
    }

    @Test
    void everyPhotoHasAPrintAreaOfItsRatioInsideThePictureFrame() {
        assertThat(DemoCatalogue.printArea("1:1")).containsExactly(java.util.Map.entry("x", 31),
                java.util.Map.entry("y", 18), java.util.Map.entry("width", 38), java.util.Map.entry("height", 38));
        for (String ratio : new String[] {"1:1", "3:4", "5:7", "4:3", null}) {
            java.util.Map<String, Integer> area = DemoCatalogue.printArea(ratio);
            assertThat(area.get("x") + area.get("width")).isLessThanOrEqualTo(72);
            assertThat(area.get("y") + area.get("height")).isLessThanOrEqualTo(56);
            if (ratio != null) {
                String[] parts = ratio.split(":");
                assertThat((double) area.get("width") / area.get("height"))
                        .isCloseTo(Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]),
                                org.assertj.core.data.Percentage.withPercentage(4));
            }
        }
        assertThat(DemoCatalogue.products()).flatExtracting(p -> (List<?>) p.draft().get("personalisationOptions"))
                .filteredOn(o -> "IMAGE".equals(((java.util.Map<?, ?>) o).get("type")))
                .isNotEmpty()
                .allSatisfy(o -> assertThat(((java.util.Map<?, ?>) ((java.util.Map<?, ?>) o).get("constraints"))
                        .containsKey("printArea")).isTrue());
        // a photo product's printed text sits under the photo, not across it
        assertThat(DemoCatalogue.products()).flatExtracting(p -> (List<?>) p.draft().get("personalisationOptions"))
                .filteredOn(o -> ((java.util.Map<?, ?>) ((java.util.Map<?, ?>) o).get("constraints"))
                        .containsKey("printArea") && "TEXT".equals(((java.util.Map<?, ?>) o).get("type")))
                .isNotEmpty()
                .allSatisfy(o -> assertThat(((java.util.Map<?, ?>) ((java.util.Map<?, ?>) ((java.util.Map<?, ?>) o)
                        .get("constraints")).get("printArea")).get("y")).isEqualTo(57));
        assertThat(DemoCatalogue.printArea("1:1").get("y") + DemoCatalogue.printArea("1:1").get("height"))
                .isLessThanOrEqualTo(57);
    }

    @Test
    void picturesAreDrawnWithoutDownloads() {
        byte[] png = new DemoImages().draw(DemoCatalogue.products().getFirst());

        assertThat(png).startsWith((byte) 0xff, (byte) 0xd8, (byte) 0xff);
        assertThat(png.length).isGreaterThan(5_000);
    }
}
