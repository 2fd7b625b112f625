-- A customer asked to be forgotten. Orders are kept for accounting (amounts, SKUs, numbers, dates) with every
-- personal detail replaced by 'erased' (erased_at says when). An order still open then (not delivered, cancelled or
-- refunded) keeps what it needs to be made and delivered, remembers the request, and is anonymised by the erasure
-- sweep once it closes.
ALTER TABLE orders
    ADD COLUMN erasure_request_id uuid,
    ADD COLUMN erased_at          timestamptz;
CREATE INDEX orders_erasure_pending ON orders (erasure_request_id) WHERE erasure_request_id IS NOT NULL;

-- The erasure requests this service received (ids and counts, nothing personal), confirmed to customer-service
-- (CustomerErasureConfirmed) once none of their orders is left open.
CREATE TABLE erasure_request (
    request_id   uuid        PRIMARY KEY,
    customer_id  uuid        NOT NULL,
    received_at  timestamptz NOT NULL,
    deleted      bigint      NOT NULL DEFAULT 0,
    anonymised   bigint      NOT NULL DEFAULT 0,
    confirmed_at timestamptz
);
