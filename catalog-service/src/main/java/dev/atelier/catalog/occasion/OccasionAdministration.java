package dev.atelier.catalog.occasion;

import dev.atelier.web.ProblemException;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Staff define the occasions products are tagged with. */
@Service
public class OccasionAdministration {

    private final Occasions occasions;
    private final Clock clock;

    OccasionAdministration(Occasions occasions, Clock clock) {
        this.occasions = occasions;
        this.clock = clock;
    }

    @Transactional
    public Occasion create(OccasionDraft draft, String actor) {
        if (occasions.findBySlug(draft.slug()).isPresent()) {
            throw ProblemException.conflict("occasion-exists", "an occasion with slug '" + draft.slug() + "' exists");
        }
        return occasions.save(new Occasion(draft.slug(), draft.name(), actor, clock.instant()));
    }

    @Transactional
    public Occasion rename(String slug, String name, String actor) {
        Occasion occasion = occasions.findBySlug(slug).orElseThrow(() -> ProblemException.notFound("unknown-occasion",
                "no occasion with slug '" + slug + "'"));
        occasion.rename(name, actor, clock.instant());
        return occasion;
    }

    @Transactional(readOnly = true)
    public List<Occasion> all() {
        return occasions.findAllByOrderByNameAsc();
    }
}
