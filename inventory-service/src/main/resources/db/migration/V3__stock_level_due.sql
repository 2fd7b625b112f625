-- SKUs whose figures changed since they were last announced (StockLevelChanged). A stock transaction adds its
-- SKUs here (a SKU already waiting costs nothing more); the announcer publishes each SKU's figures at most once per
-- interval and removes it. Only a transaction that holds the SKU's stock_item row touches its row here.
CREATE TABLE stock_level_due (
    sku      text NOT NULL,
    location text NOT NULL,
    PRIMARY KEY (sku, location),
    FOREIGN KEY (sku, location) REFERENCES stock_item (sku, location)
);
