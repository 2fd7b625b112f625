package dev.atelier.customer.address.web;

import dev.atelier.customer.address.Address;
import dev.atelier.customer.address.Addresses;
import dev.atelier.customer.address.UkPostcode;
import dev.atelier.web.FieldProblem;
import dev.atelier.web.ProblemException;
import dev.atelier.web.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in customer's addresses; another customer's address id is a 404, whatever it is. */
@RestController
@RequestMapping("/api/account/addresses")
class AddressController {

    private final Addresses addresses;

    AddressController(Addresses addresses) {
        this.addresses = addresses;
    }

    record AddressRequest(@NotBlank @Size(max = 100) String name, @NotBlank @Size(max = 200) String line1,
            @Size(max = 200) @Nullable String line2, @NotBlank @Size(max = 100) String city,
            @NotBlank @Size(max = 10) String postcode, @Nullable String country, @Nullable Boolean isDefault) {

        Addresses.Details details() {
            if (country != null && !"GB".equalsIgnoreCase(country)) {
                throw ProblemException.validation(List.of(new FieldProblem("country",
                        "only UK addresses (GB) can be saved")));
            }
            String normal = UkPostcode.normalise(postcode).orElseThrow(() -> ProblemException.validation(List.of(
                    new FieldProblem("postcode", "'" + postcode + "' is not a UK postcode (like SW1A 1AA)"))));
            return new Addresses.Details(name.strip(), line1.strip(), line2 == null || line2.isBlank() ? null
                    : line2.strip(), city.strip(), normal);
        }
    }

    @GetMapping
    List<Address> list(Caller caller) {
        return addresses.of(caller.customerId());
    }

    @PostMapping
    ResponseEntity<Address> add(Caller caller, @Valid @RequestBody AddressRequest request) {
        Address added = addresses.add(caller.customerId(), request.details(), Boolean.TRUE.equals(request.isDefault()))
                .orElseThrow(() -> ProblemException.conflict("too-many-addresses",
                        "an account keeps at most " + Addresses.MAX_PER_CUSTOMER + " addresses; delete one first"));
        return ResponseEntity.status(HttpStatus.CREATED).body(added);
    }

    @GetMapping("/{id}")
    Address one(Caller caller, @PathVariable UUID id) {
        return addresses.find(caller.customerId(), id).orElseThrow(() -> notFound(id));
    }

    @PutMapping("/{id}")
    Address update(Caller caller, @PathVariable UUID id, @Valid @RequestBody AddressRequest request) {
        return addresses.update(caller.customerId(), id, request.details()).orElseThrow(() -> notFound(id));
    }

    @PutMapping("/{id}/default")
    Address makeDefault(Caller caller, @PathVariable UUID id) {
        return addresses.makeDefault(caller.customerId(), id).orElseThrow(() -> notFound(id));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable UUID id) {
        if (!addresses.delete(caller.customerId(), id)) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("unknown-address", "no address " + id + " in this account");
    }
}
