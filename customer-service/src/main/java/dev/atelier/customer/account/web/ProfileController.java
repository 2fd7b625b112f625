package dev.atelier.customer.account.web;

import dev.atelier.customer.account.AccountStatus;
import dev.atelier.customer.account.Customer;
import dev.atelier.customer.account.Customers;
import dev.atelier.customer.account.Role;
import dev.atelier.web.ProblemException;
import dev.atelier.web.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in customer's own profile. */
@RestController
@RequestMapping("/api/account/profile")
class ProfileController {

    private final Customers customers;

    ProfileController(Customers customers) {
        this.customers = customers;
    }

    record Profile(UUID id, String email, String displayName, List<String> roles, boolean secondFactor,
            Instant createdAt) {

        static Profile of(Customer customer) {
            return new Profile(customer.id(), customer.email(), customer.displayName(),
                    customer.roles().stream().map(Role::name).sorted().toList(), customer.hasSecondFactor(),
                    customer.createdAt());
        }
    }

    record ProfileChange(@NotBlank @Size(max = 100) String displayName) {
    }

    @GetMapping
    Profile profile(Caller caller) {
        return Profile.of(active(caller));
    }

    @PutMapping
    Profile change(Caller caller, @Valid @RequestBody ProfileChange change) {
        active(caller);
        customers.changeDisplayName(caller.customerId(), change.displayName().strip());
        return Profile.of(active(caller));
    }

    private Customer active(Caller caller) {
        return customers.byId(caller.customerId()).filter(c -> c.status() == AccountStatus.ACTIVE)
                .orElseThrow(() -> ProblemException.notFound("unknown-account", "this account no longer exists"));
    }
}
