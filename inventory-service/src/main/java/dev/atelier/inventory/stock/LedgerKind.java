package dev.atelier.inventory.stock;

/** Why on_hand or reserved changed; every ledger row has one. */
public enum LedgerKind {
    RESERVE, RELEASE, EXPIRE, COMMIT, RECEIVE, ADJUST, RETURN, MARKETPLACE_SALE
}
