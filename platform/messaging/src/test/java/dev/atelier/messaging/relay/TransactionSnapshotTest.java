package dev.atelier.messaging.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A 32-bit xid from the write-ahead log, placed in a 64-bit pg_snapshot's epoch and checked against it. */
class TransactionSnapshotTest {

    private static final long EPOCH = 1L << 32;

    @Test
    void parsesTheTextOfPgSnapshot() {
        assertThat(TransactionSnapshot.parse("100:104:100,102"))
                .isEqualTo(new TransactionSnapshot(100, 104, new long[] {100, 102}));
        assertThat(TransactionSnapshot.parse("748:748:")).isEqualTo(new TransactionSnapshot(748, 748, new long[0]));
        assertThat(TransactionSnapshot.parse("8589934692:8589934700:8589934695").toString())
                .isEqualTo("8589934692:8589934700:8589934695");
    }

    @Test
    void refusesWhatIsNotASnapshot() {
        assertThatThrownBy(() -> TransactionSnapshot.parse("100:104")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TransactionSnapshot.parse("104:100:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TransactionSnapshot.parse("a:b:")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void seesATransactionBeforeXminOrBetweenXminAndXmaxThatIsNotInProgress() {
        TransactionSnapshot snapshot = TransactionSnapshot.parse("100:104:100,102");

        assertThat(snapshot.hasFinished(99)).isTrue();
        assertThat(snapshot.hasFinished(3)).isTrue();
        assertThat(snapshot.hasFinished(101)).isTrue();
        assertThat(snapshot.hasFinished(103)).isTrue();
    }

    @Test
    void doesNotSeeATransactionInProgress() {
        TransactionSnapshot snapshot = TransactionSnapshot.parse("100:104:100,102");

        assertThat(snapshot.hasFinished(100)).isFalse();
        assertThat(snapshot.hasFinished(102)).isFalse();
    }

    @Test
    void doesNotSeeATransactionAtOrAfterXmax() {
        // the decoded commit whose proc array entry is not yet cleared: latestCompletedXid + 1 is xmax
        TransactionSnapshot snapshot = TransactionSnapshot.parse("100:104:");

        assertThat(snapshot.hasFinished(104)).isFalse();
        assertThat(snapshot.hasFinished(105)).isFalse();
        assertThat(snapshot.hasFinished(104 + (1L << 30))).isFalse();
    }

    @Test
    void placesTheXidInTheSnapshotsEpoch() {
        // epoch 2: the 32-bit xid 100 is the full xid 2 * 2^32 + 100
        TransactionSnapshot snapshot = new TransactionSnapshot(2 * EPOCH + 100, 2 * EPOCH + 104,
                new long[] {2 * EPOCH + 102});

        assertThat(snapshot.hasFinished(101)).isTrue();
        assertThat(snapshot.hasFinished(102)).isFalse();
        assertThat(snapshot.hasFinished(104)).isFalse();
        // an old transaction of the same epoch, far below xmin
        assertThat(snapshot.hasFinished(5)).isTrue();
    }

    @Test
    void placesAnXidFromJustBeforeTheWrapAroundInThePreviousEpoch() {
        // xmax has wrapped into epoch 1 (xmax mod 2^32 = 5); 2^32 - 3 was given out just before the wrap
        long beforeWrap = EPOCH - 3;
        TransactionSnapshot finished = new TransactionSnapshot(EPOCH - 10, EPOCH + 5, new long[] {EPOCH - 10, EPOCH + 1});
        TransactionSnapshot inProgress = new TransactionSnapshot(EPOCH - 10, EPOCH + 5, new long[] {beforeWrap});

        assertThat(finished.hasFinished(beforeWrap)).isTrue();
        assertThat(finished.hasFinished(EPOCH - 10)).isFalse();
        assertThat(finished.hasFinished(1)).isFalse();
        assertThat(finished.hasFinished(4)).isTrue();
        assertThat(inProgress.hasFinished(beforeWrap)).isFalse();
        // at and after xmax mod 2^32: not finished, though numerically far below 2^32 - 3
        assertThat(finished.hasFinished(5)).isFalse();
        assertThat(finished.hasFinished(6)).isFalse();
    }

    @Test
    void doesNotSeeAnXidFromAfterTheWrapAroundWhileXmaxIsStillBeforeIt() {
        // epoch 0, xmax just below 2^32: a small xid can only be one given out after the wrap, still to come
        TransactionSnapshot snapshot = new TransactionSnapshot(EPOCH - 20, EPOCH - 2, new long[0]);

        assertThat(snapshot.hasFinished(1)).isFalse();
        assertThat(snapshot.hasFinished(EPOCH - 2)).isFalse();
        assertThat(snapshot.hasFinished(EPOCH - 1)).isFalse();
        assertThat(snapshot.hasFinished(EPOCH - 3)).isTrue();
    }

    @Test
    void refusesAnIdThatIsNot32Bits() {
        TransactionSnapshot snapshot = TransactionSnapshot.parse("100:104:");

        assertThatThrownBy(() -> snapshot.hasFinished(EPOCH + 101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> snapshot.hasFinished(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
