-- Shoppers' uploads (personalisation photos and the storefront's preview pictures) are kept while young and for ever
-- once an order holds them. ordered_at: an OrderConfirmed line named the upload. discarded_at: the retention job
-- gave it up; from then on nothing serves it, and the row stays only until its objects are gone from the store.
ALTER TABLE media
    ADD COLUMN ordered_at   timestamptz,
    ADD COLUMN discarded_at timestamptz;

CREATE INDEX media_unordered ON media (created_at)
    WHERE purpose = 'PERSONALISATION' AND ordered_at IS NULL AND discarded_at IS NULL;
CREATE INDEX media_discarded ON media (discarded_at) WHERE discarded_at IS NOT NULL;

-- ShedLock: scheduled jobs that must run on one replica at a time.
CREATE TABLE shedlock (
    name       varchar(64)  NOT NULL PRIMARY KEY,
    lock_until timestamp    NOT NULL,
    locked_at  timestamp    NOT NULL,
    locked_by  varchar(255) NOT NULL
);
