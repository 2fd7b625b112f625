-- Marketplace feedback imported by staff's marketplace sync (source MARKETPLACE): one row per review of a marketplace,
-- found again by (marketplace, external_id) so that importing it twice updates it. Published as imported (the
-- marketplace shows it already); never in the store's rating, listed apart.
ALTER TABLE review
    ADD COLUMN marketplace text CHECK (marketplace ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    ADD COLUMN external_id text,
    ADD COLUMN imported_by text,
    ADD CONSTRAINT review_marketplace_origin
        CHECK ((source = 'MARKETPLACE') = (marketplace IS NOT NULL AND external_id IS NOT NULL));

CREATE UNIQUE INDEX review_marketplace_external ON review (marketplace, external_id) WHERE source = 'MARKETPLACE';
CREATE INDEX review_marketplace_by_product ON review (product_id, created_at DESC, seq DESC)
    WHERE source = 'MARKETPLACE' AND status = 'PUBLISHED';
