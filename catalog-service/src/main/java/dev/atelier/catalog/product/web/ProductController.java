package dev.atelier.catalog.product.web;

import dev.atelier.catalog.product.Catalogue;
import dev.atelier.catalog.product.ProductStatus;
import dev.atelier.web.ProblemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The storefront's product page: a product on sale, by slug. */
@RestController
class ProductController {

    private final Catalogue catalogue;
    private final ProductViews views;

    ProductController(Catalogue catalogue, ProductViews views) {
        this.catalogue = catalogue;
        this.views = views;
    }

    @GetMapping("/api/catalog/products/{slug}")
    ProductViews.ProductDetail product(@PathVariable String slug) {
        return catalogue.readBySlug(slug, p -> p.status() == ProductStatus.ACTIVE ? views.detail(p) : null)
                .orElseThrow(() -> ProblemException.notFound("unknown-product", "no product on sale with slug '" + slug + "'"));
    }
}
