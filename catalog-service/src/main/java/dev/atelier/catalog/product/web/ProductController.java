package dev.atelier.catalog.product.web;

import dev.atelier.catalog.product.Catalogue;
import dev.atelier.catalog.product.ProductStatus;
import dev.atelier.catalog.storefront.RenderedReads;
import dev.atelier.catalog.storefront.web.RenderedAnswers;
import dev.atelier.web.ProblemException;
import java.util.stream.Stream;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/** The storefront's product page: a product on sale, by slug, kept rendered between writes (with an ETag). */
@RestController
class ProductController {

    private final Catalogue catalogue;
    private final ProductViews views;
    private final RenderedReads reads;
    private final RenderedAnswers answers;

    ProductController(Catalogue catalogue, ProductViews views, RenderedReads reads, RenderedAnswers answers) {
        this.catalogue = catalogue;
        this.views = views;
        this.reads = reads;
        this.answers = answers;
    }

    @GetMapping("/api/catalog/products/{slug}")
    ResponseEntity<byte[]> product(@PathVariable String slug, WebRequest request) {
        return answers.of(reads.get("product\u0000" + slug, () -> catalogue.readBySlug(slug,
                        p -> p.status() == ProductStatus.ACTIVE ? views.detail(p) : null)
                .orElseThrow(() -> ProblemException.notFound("unknown-product",
                        "no product on sale with slug '" + slug + "'")), ProductController::reach), request);
    }

    /** A page shows the stock and sales of its variants, a bundle's through its components. */
    private static RenderedReads.Reach reach(ProductViews.ProductDetail page) {
        return RenderedReads.Reach.skus(page.variants().stream().flatMap(variant -> Stream.concat(
                Stream.of(variant.sku()), variant.components() == null ? Stream.empty()
                        : variant.components().stream().map(ProductViews.ComponentView::sku))).toList());
    }
}
