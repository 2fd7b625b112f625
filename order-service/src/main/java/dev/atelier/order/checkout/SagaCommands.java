package dev.atelier.order.checkout;

/** Inputs of the saga that are not events of another service. */
final class SagaCommands {

    private SagaCommands() {
    }

    /** The shopper asks to cancel before paying. */
    record CancelRequested(String by) {
    }

    /** The timeout job found the order past the deadline of the step it waits for. */
    record DeadlinePassed() {
    }
}
