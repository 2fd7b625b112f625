-- Reviews: one per customer per product from the store (STORE), moderated before they show; marketplace feedback
-- (MARKETPLACE, imported by marketplace sync) kept apart by source. A review whose author asked to be forgotten is
-- anonymised: no customer, no text, its rating still counted (erased_at set, hidden from the list).
CREATE TABLE review (
    id                uuid        PRIMARY KEY,
    seq               bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    product_id        uuid        NOT NULL REFERENCES product (id),
    source            text        NOT NULL CHECK (source IN ('STORE', 'MARKETPLACE')),
    customer_id       uuid,
    author_name       text        NOT NULL,
    rating            smallint    NOT NULL CHECK (rating BETWEEN 1 AND 5),
    title             text,
    body              text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('PENDING', 'PUBLISHED', 'REJECTED')),
    verified_purchase boolean     NOT NULL DEFAULT false,
    rejection_reason  text,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    moderated_at      timestamptz,
    moderated_by      text,
    erased_at         timestamptz,
    version           bigint      NOT NULL
);
CREATE UNIQUE INDEX review_one_per_customer ON review (product_id, customer_id)
    WHERE source = 'STORE' AND customer_id IS NOT NULL;
CREATE INDEX review_by_product ON review (product_id, status, seq);
CREATE INDEX review_by_customer ON review (customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX review_by_status ON review (status, seq);

-- Who bought which SKU, from order-service's OrderConfirmed and OrderDelivered (signed-in customers only):
-- what "verified purchase" means. Personal data: deleted when the customer is forgotten.
CREATE TABLE purchase (
    customer_id  uuid        NOT NULL,
    sku          text        NOT NULL,
    order_id     uuid        NOT NULL,
    delivered_at timestamptz,
    confirmed_at timestamptz,
    PRIMARY KEY (customer_id, sku, order_id)
);
