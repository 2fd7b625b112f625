package dev.atelier.customer.admin.web;

import dev.atelier.customer.account.AccountStatus;
import dev.atelier.customer.account.Customer;
import dev.atelier.customer.account.Role;
import dev.atelier.customer.address.Address;
import dev.atelier.customer.address.Addresses;
import dev.atelier.customer.admin.CustomerAdministration;
import dev.atelier.customer.privacy.DataRequests;
import dev.atelier.web.CursorPage;
import dev.atelier.web.Cursors;
import dev.atelier.web.FieldProblem;
import dev.atelier.web.ProblemException;
import dev.atelier.web.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff's customer API (STAFF or ADMIN with a second factor, enforced by platform/web); changing roles is for
 * ADMIN only. A customer's orders are order-service's to show.
 */
@RestController
@RequestMapping("/api/admin/customers")
class CustomerAdminController {

    private final CustomerAdministration administration;
    private final Addresses addresses;
    private final DataRequests dataRequests;
    private final Cursors cursors;

    CustomerAdminController(CustomerAdministration administration, Addresses addresses, DataRequests dataRequests,
            Cursors cursors) {
        this.administration = administration;
        this.addresses = addresses;
        this.dataRequests = dataRequests;
        this.cursors = cursors;
    }

    record CustomerDetail(UUID id, String email, String displayName, AccountStatus status, List<String> roles,
            boolean secondFactor, Instant createdAt, List<Address> addresses,
            List<CustomerAdministration.SignIn> recentSignIns) {
    }

    record RolesChange(@NotNull Set<String> roles) {
    }

    @GetMapping
    CursorPage<CustomerAdministration.Summary> list(@RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable Integer limit) {
        int size = Cursors.limit(limit, 50, 200);
        String after = cursors.decode(cursor);
        return CursorPage.of(administration.search(q, after, size), size, CustomerAdministration.Summary::sortKey,
                cursors);
    }

    @GetMapping("/{id}")
    CustomerDetail one(@PathVariable UUID id) {
        Customer customer = administration.find(id).orElseThrow(() -> notFound(id));
        return new CustomerDetail(customer.id(), customer.email(), customer.displayName(), customer.status(),
                customer.roles().stream().map(Role::name).sorted().toList(), customer.hasSecondFactor(),
                customer.createdAt(), addresses.of(id), administration.recentSignIns(id));
    }

    /** Also for an erased customer: staff follow the other services' confirmations after the account is gone. */
    @GetMapping("/{id}/data-requests")
    List<DataRequests.DataRequest> dataRequests(@PathVariable UUID id) {
        if (!administration.exists(id)) {
            throw notFound(id);
        }
        return dataRequests.of(id);
    }

    @PostMapping("/{id}/lock")
    CustomerDetail lock(Caller caller, @PathVariable UUID id) {
        answer(administration.lock(id, caller.actor()), id, "the account is not active");
        return one(id);
    }

    @PostMapping("/{id}/unlock")
    CustomerDetail unlock(Caller caller, @PathVariable UUID id) {
        answer(administration.unlock(id, caller.actor()), id, "the account is not locked");
        return one(id);
    }

    @PutMapping("/{id}/roles")
    CustomerDetail roles(Caller caller, @PathVariable UUID id, @Valid @RequestBody RolesChange change) {
        if (!caller.isAdmin()) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "only an ADMIN changes roles");
        }
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : change.roles()) {
            try {
                roles.add(Role.valueOf(role));
            } catch (IllegalArgumentException unknown) {
                throw ProblemException.validation(List.of(new FieldProblem("roles",
                        "'" + role + "' is not a role; roles are CUSTOMER, STAFF, ADMIN")));
            }
        }
        answer(administration.changeRoles(id, roles, caller.actor()), id, "");
        return one(id);
    }

    private static void answer(CustomerAdministration.Outcome outcome, UUID id, String wrongState) {
        switch (outcome) {
            case DONE -> { }
            case UNKNOWN -> throw notFound(id);
            case WRONG_STATE -> throw ProblemException.conflict("account-state", wrongState);
            case LAST_ADMIN -> throw ProblemException.conflict("last-admin",
                    "this is the last active ADMIN; make someone else ADMIN first");
        }
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("unknown-customer", "no customer " + id);
    }
}
