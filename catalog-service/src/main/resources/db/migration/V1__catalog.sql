-- Search: trigram similarity for misspelt words (pg_trgm ships with PostgreSQL's contrib).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The category tree. path is the slugs from the root, '/gifts/mugs/', so "this category and its descendants"
-- is one prefix match.
CREATE TABLE category (
    id         uuid        PRIMARY KEY,
    parent_id  uuid        REFERENCES category (id),
    slug       text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name       text        NOT NULL,
    path       text        NOT NULL UNIQUE,
    position   integer     NOT NULL DEFAULT 0,
    version    bigint      NOT NULL,
    created_at timestamptz NOT NULL,
    created_by text        NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by text        NOT NULL
);
CREATE INDEX category_path ON category (path text_pattern_ops);

CREATE TABLE occasion (
    id         uuid        PRIMARY KEY,
    slug       text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name       text        NOT NULL,
    version    bigint      NOT NULL,
    created_at timestamptz NOT NULL,
    created_by text        NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by text        NOT NULL
);

CREATE TABLE product (
    id              uuid        PRIMARY KEY,
    slug            text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name            text        NOT NULL,
    description     text        NOT NULL DEFAULT '',
    brand           text,
    status          text        NOT NULL CHECK (status IN ('DRAFT', 'ACTIVE', 'ARCHIVED')),
    kind            text        NOT NULL CHECK (kind IN ('STANDARD', 'BUNDLE')),
    seo_title       text,
    seo_description text,
    price_amount    bigint      NOT NULL CHECK (price_amount >= 0),
    currency        text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    tax_class       text        NOT NULL CHECK (tax_class IN ('STANDARD', 'ZERO')),
    category_id     uuid        NOT NULL REFERENCES category (id),
    published_at    timestamptz,
    archived_at     timestamptz,
    version         bigint      NOT NULL,
    created_at      timestamptz NOT NULL,
    created_by      text        NOT NULL,
    updated_at      timestamptz NOT NULL,
    updated_by      text        NOT NULL,
    -- Read side, refreshed by SearchIndex in the transaction of every change (not mapped by JPA):
    -- name (A) > part numbers, SKUs and brand (B) > description (C)
    search          tsvector,
    min_price       bigint,
    personalisable  boolean     NOT NULL DEFAULT false
);
CREATE INDEX product_search ON product USING gin (search);
CREATE INDEX product_listing ON product (status, min_price, id);
CREATE INDEX product_newest ON product (status, published_at DESC, id);
CREATE INDEX product_category ON product (category_id);

CREATE TABLE product_occasion (
    product_id  uuid NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    occasion_id uuid NOT NULL REFERENCES occasion (id),
    PRIMARY KEY (product_id, occasion_id)
);
CREATE INDEX product_occasion_by_occasion ON product_occasion (occasion_id);

CREATE TABLE variant (
    id           uuid    PRIMARY KEY,
    product_id   uuid    NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    position     integer NOT NULL,
    sku          text    NOT NULL UNIQUE CHECK (sku ~ '^[A-Z0-9][A-Z0-9._-]{0,63}$'),
    price_amount bigint  CHECK (price_amount >= 0),
    weight_grams bigint  NOT NULL CHECK (weight_grams >= 0),
    part_number  text,
    barcode      text
);
CREATE INDEX variant_product ON variant (product_id);
CREATE INDEX variant_part_number ON variant (upper(part_number));

CREATE TABLE variant_attribute (
    variant_id uuid NOT NULL REFERENCES variant (id) ON DELETE CASCADE,
    name       text NOT NULL,
    value      text NOT NULL,
    PRIMARY KEY (variant_id, name)
);
CREATE INDEX variant_attribute_by_name ON variant_attribute (name, value);

-- A bundle's variant is made of other SKUs; they need not be in this catalogue's variant table yet when read,
-- so no foreign key on component_sku (the admin service checks them).
CREATE TABLE bundle_component (
    variant_id    uuid    NOT NULL REFERENCES variant (id) ON DELETE CASCADE,
    position      integer NOT NULL,
    component_sku text    NOT NULL,
    quantity      integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (variant_id, position)
);

CREATE TABLE product_image (
    product_id uuid    NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    position   integer NOT NULL,
    media_ref  text    NOT NULL,
    alt_text   text    NOT NULL,
    is_primary boolean NOT NULL,
    PRIMARY KEY (product_id, position)
);

CREATE TABLE personalisation_option (
    id              uuid    PRIMARY KEY,
    product_id      uuid    NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    position        integer NOT NULL,
    option_key      text    NOT NULL CHECK (option_key ~ '^[a-z][a-zA-Z0-9_]{0,39}$'),
    label           text    NOT NULL,
    type            text    NOT NULL CHECK (type IN ('TEXT', 'TEXTAREA', 'IMAGE', 'COLOUR', 'FONT', 'DROPDOWN', 'TOGGLE')),
    required        boolean NOT NULL,
    price_modifier  bigint  NOT NULL DEFAULT 0 CHECK (price_modifier >= 0),
    max_length      integer CHECK (max_length > 0),
    pattern         text,
    max_file_size   bigint  CHECK (max_file_size > 0),
    aspect_ratio    text    CHECK (aspect_ratio ~ '^[0-9]+:[0-9]+$'),
    min_width       integer CHECK (min_width > 0),
    min_height      integer CHECK (min_height > 0),
    UNIQUE (product_id, option_key)
);

-- Allowed fonts, colours or choices of an option, in the order shoppers see them.
CREATE TABLE option_allowed_value (
    option_id uuid    NOT NULL REFERENCES personalisation_option (id) ON DELETE CASCADE,
    position  integer NOT NULL,
    value     text    NOT NULL,
    PRIMARY KEY (option_id, position)
);

-- The words of product names and brands, for "did you mean": a misspelt query word is replaced by the most
-- similar known word (trigram similarity) when the query as typed finds nothing.
CREATE TABLE search_word (
    word text PRIMARY KEY
);
CREATE INDEX search_word_trigram ON search_word USING gin (word gin_trgm_ops);

-- What inventory says is available, from its StockLevelChanged events (a read model: no calls to inventory).
CREATE TABLE stock_level (
    sku        text        PRIMARY KEY,
    available  bigint      NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Units sold per SKU and day, from OrderConfirmed: the best-selling sort and the storefront's social proof.
CREATE TABLE sales_day (
    sku      text    NOT NULL,
    day      date    NOT NULL,
    quantity bigint  NOT NULL,
    PRIMARY KEY (sku, day)
);

-- Uploaded images (product photos by staff, personalisation photos by shoppers): what the bytes were judged to be.
CREATE TABLE media (
    id           uuid        PRIMARY KEY,
    purpose      text        NOT NULL CHECK (purpose IN ('PRODUCT', 'PERSONALISATION')),
    content_type text        NOT NULL,
    size_bytes   bigint      NOT NULL,
    width        integer     NOT NULL,
    height       integer     NOT NULL,
    sha256       text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
