package dev.atelier.catalog.demo;

/**
 * How the demo seeder proves it is staff to the admin APIs (catalog's and inventory's): an access token of
 * customer-service, fresh enough for the next call.
 */
@FunctionalInterface
interface AdminToken {

    /** A valid access token, for {@code Authorization: Bearer}. */
    String bearer();
}
