-- Shipping options set through the admin API; each replaces (or adds to) the configured option of that name.
CREATE TABLE shipping_option (
    name             text        PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9-]{1,29}$'),
    free_above_minor bigint      CHECK (free_above_minor >= 0),
    updated_at       timestamptz NOT NULL,
    updated_by       text        NOT NULL
);

CREATE TABLE shipping_rate (
    option      text     NOT NULL REFERENCES shipping_option (name) ON DELETE CASCADE,
    position    smallint NOT NULL CHECK (position >= 0),
    countries   text[]   NOT NULL CHECK (cardinality(countries) > 0),
    up_to_grams bigint   CHECK (up_to_grams > 0),
    price_minor bigint   NOT NULL CHECK (price_minor >= 0),
    PRIMARY KEY (option, position)
);
