-- What this service knows of catalog's sellable variants, from catalog.product: enough to show a wishlist with
-- current prices. A variant that can no longer be bought (product retired, variant removed) is kept, flagged.
CREATE TABLE catalog_variant (
    sku         text        PRIMARY KEY,
    product_id  uuid        NOT NULL,
    slug        text        NOT NULL,
    name        text        NOT NULL,
    price_minor bigint      NOT NULL,
    currency    text        NOT NULL,
    attributes  jsonb       NOT NULL DEFAULT '{}',
    image_url   text,
    retired     boolean     NOT NULL DEFAULT false,
    -- the catalog time of the last fact applied: an older fact (a replayed dead letter) changes nothing
    as_of       timestamptz NOT NULL
);
CREATE INDEX catalog_variant_by_product ON catalog_variant (product_id);

-- A customer's wishlist: SKUs with the price they had when added (to show a drop).
CREATE TABLE wishlist_item (
    customer_id       uuid        NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    sku               text        NOT NULL,
    added_price_minor bigint      NOT NULL,
    added_currency    text        NOT NULL,
    added_at          timestamptz NOT NULL,
    PRIMARY KEY (customer_id, sku)
);
CREATE INDEX wishlist_item_by_customer ON wishlist_item (customer_id, added_at DESC);
