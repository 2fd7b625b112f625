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
    void picturesAreDrawnWithoutDownloads() {
        byte[] png = new DemoImages().draw(DemoCatalogue.products().getFirst());

        assertThat(png).startsWith((byte) 0xff, (byte) 0xd8, (byte) 0xff);
        assertThat(png.length).isGreaterThan(5_000);
    }
}
