-- The services a request waits for, fixed when it is made (a later change of configuration does not rewrite the
-- past); NULL on requests made before this column existed, which use the configured list.
ALTER TABLE data_request ADD COLUMN expected_services text[];

-- Each service's export part (a JSON object as the service sent it); a repeat replaces it.
CREATE TABLE data_request_part (
    request_id  uuid        NOT NULL REFERENCES data_request (id) ON DELETE CASCADE,
    service     text        NOT NULL,
    part        text        NOT NULL,
    prepared_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (request_id, service)
);

-- What an erasure confirmation counted (NULL for an export's answer and for customer-service's own).
ALTER TABLE data_request_confirmation ADD COLUMN deleted bigint, ADD COLUMN anonymised bigint;
