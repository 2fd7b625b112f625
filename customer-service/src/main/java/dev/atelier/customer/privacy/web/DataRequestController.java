package dev.atelier.customer.privacy.web;

import dev.atelier.customer.privacy.DataRequests;
import dev.atelier.web.ProblemException;
import dev.atelier.web.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A customer's data export and erasure requests. */
@RestController
@RequestMapping("/api/account")
class DataRequestController {

    private final DataRequests requests;

    DataRequestController(DataRequests requests) {
        this.requests = requests;
    }

    /** Erasure cannot be undone: the body must say so. */
    record ErasureRequest(@NotNull @AssertTrue(message = "must be true: erasure cannot be undone") Boolean confirm) {
    }

    @PostMapping("/data-export")
    ResponseEntity<Map<String, Object>> export(Caller caller) {
        UUID id = requests.requestExport(caller.customerId()).orElseThrow(DataRequestController::noAccount);
        String url = "/api/account/data-export/" + id;
        return ResponseEntity.status(HttpStatus.ACCEPTED).header(HttpHeaders.LOCATION, url)
                .body(Map.of("requestId", id, "archiveUrl", url));
    }

    @GetMapping("/data-export/{id}")
    ResponseEntity<DataRequests.Archive> archive(Caller caller, @PathVariable UUID id) {
        DataRequests.Archive archive = requests.archive(caller.customerId(), id)
                .orElseThrow(() -> ProblemException.notFound("unknown-data-request", "no export " + id + " in this account"));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"atelier-data-" + id + ".json\"")
                .body(archive);
    }

    @GetMapping("/data-requests")
    List<DataRequests.DataRequest> list(Caller caller) {
        return requests.of(caller.customerId());
    }

    @PostMapping("/erasure")
    ResponseEntity<Map<String, Object>> erase(Caller caller, @Valid @RequestBody ErasureRequest request) {
        UUID id = requests.requestErasure(caller.customerId()).orElseThrow(DataRequestController::noAccount);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("requestId", id));
    }

    private static ProblemException noAccount() {
        return ProblemException.notFound("unknown-account", "this account no longer exists");
    }
}
