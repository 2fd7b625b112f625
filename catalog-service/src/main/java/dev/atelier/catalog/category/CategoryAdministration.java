package dev.atelier.catalog.category;

import dev.atelier.web.ProblemException;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Staff build the category tree: create a node under a parent, rename it. */
@Service
public class CategoryAdministration {

    private final Categories categories;
    private final Clock clock;

    CategoryAdministration(Categories categories, Clock clock) {
        this.categories = categories;
        this.clock = clock;
    }

    @Transactional
    public Category create(CategoryDraft draft, String actor) {
        if (categories.findBySlug(draft.slug()).isPresent()) {
            throw ProblemException.conflict("category-exists", "a category with slug '" + draft.slug() + "' exists");
        }
        Category parent = draft.parent() == null ? null : categories.findBySlug(draft.parent())
                .orElseThrow(() -> ProblemException.notFound("unknown-category",
                        "no parent category with slug '" + draft.parent() + "'"));
        int position = draft.position() == null ? 0 : draft.position();
        return categories.save(new Category(draft.slug(), draft.name(), parent, position, actor, clock.instant()));
    }

    @Transactional
    public Category rename(String slug, String name, int position, String actor) {
        Category category = categories.findBySlug(slug).orElseThrow(() -> ProblemException.notFound("unknown-category",
                "no category with slug '" + slug + "'"));
        category.rename(name, position, actor, clock.instant());
        return category;
    }

    @Transactional(readOnly = true)
    public List<Category> tree() {
        return categories.findAllByOrderByPathAsc();
    }
}
