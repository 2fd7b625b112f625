-- Editorial content: authors and blog posts, promotional banners with a schedule, landing pages for a category or
-- an occasion.
CREATE TABLE author (
    id         uuid        PRIMARY KEY,
    slug       text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name       text        NOT NULL,
    bio        text        NOT NULL DEFAULT '',
    version    bigint      NOT NULL,
    created_at timestamptz NOT NULL,
    created_by text        NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by text        NOT NULL
);

CREATE TABLE blog_post (
    id           uuid        PRIMARY KEY,
    slug         text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    title        text        NOT NULL,
    summary      text        NOT NULL DEFAULT '',
    body         text        NOT NULL,
    hero_media   text,
    author_id    uuid        NOT NULL REFERENCES author (id),
    status       text        NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED')),
    published_at timestamptz,
    version      bigint      NOT NULL,
    created_at   timestamptz NOT NULL,
    created_by   text        NOT NULL,
    updated_at   timestamptz NOT NULL,
    updated_by   text        NOT NULL
);
CREATE INDEX blog_post_published ON blog_post (published_at DESC, id) WHERE status = 'PUBLISHED';

CREATE TABLE banner (
    id         uuid        PRIMARY KEY,
    title      text        NOT NULL,
    text       text        NOT NULL DEFAULT '',
    link       text        NOT NULL,
    media_ref  text,
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL,
    position   integer     NOT NULL DEFAULT 0,
    version    bigint      NOT NULL,
    created_at timestamptz NOT NULL,
    created_by text        NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by text        NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX banner_schedule ON banner (starts_at, ends_at);

CREATE TABLE landing_page (
    id          uuid        PRIMARY KEY,
    kind        text        NOT NULL CHECK (kind IN ('CATEGORY', 'OCCASION')),
    target_slug text        NOT NULL,
    hero_title  text        NOT NULL,
    hero_text   text        NOT NULL DEFAULT '',
    hero_media  text,
    version     bigint      NOT NULL,
    created_at  timestamptz NOT NULL,
    created_by  text        NOT NULL,
    updated_at  timestamptz NOT NULL,
    updated_by  text        NOT NULL,
    UNIQUE (kind, target_slug)
);

CREATE TABLE landing_page_product (
    landing_page_id uuid    NOT NULL REFERENCES landing_page (id) ON DELETE CASCADE,
    position        integer NOT NULL,
    product_slug    text    NOT NULL,
    PRIMARY KEY (landing_page_id, position)
);
