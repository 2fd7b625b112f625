-- The payload goes out exactly as the service wrote it: json keeps the text (jsonb re-ordered the keys and
-- normalised the spacing, so what reached Kafka was not what the contract samples round-trip).
ALTER TABLE outbox ALTER COLUMN payload TYPE json USING payload::json;
