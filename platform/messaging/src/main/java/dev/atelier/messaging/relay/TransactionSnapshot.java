package dev.atelier.messaging.relay;

import java.util.Arrays;

/**
 * A PostgreSQL snapshot as {@code pg_current_snapshot()} gives it ({@code xmin:xmax:xip,...}, 64-bit
 * transaction ids), asked whether a transaction the write-ahead log names by its 32-bit xid has finished for it.
 *
 * @param xmin the oldest transaction still in progress: every id below it has finished
 * @param xmax one past the newest finished transaction: no id at or above it has finished
 * @param inProgress the ids between xmin and xmax still in progress, sorted
 */
record TransactionSnapshot(long xmin, long xmax, long[] inProgress) {

    private static final long XID_SPACE = 1L << 32;

    TransactionSnapshot {
        if (xmin > xmax) {
            throw new IllegalArgumentException("snapshot xmin " + xmin + " is after its xmax " + xmax);
        }
        inProgress = inProgress.clone();
        Arrays.sort(inProgress);
    }

    /** Parses the text form of {@code pg_snapshot} ({@code 100:104:100,102}; the list may be empty). */
    static TransactionSnapshot parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a pg_snapshot: " + text);
        }
        long[] inProgress = parts[2].isEmpty() ? new long[0]
                : Arrays.stream(parts[2].split(",")).mapToLong(Long::parseLong).toArray();
        return new TransactionSnapshot(Long.parseLong(parts[0]), Long.parseLong(parts[1]), inProgress);
    }

    /**
     * Whether the transaction with this 32-bit id (the low half of its 64-bit id, as logical decoding names it)
     * has finished for this snapshot, i.e. a session that takes this snapshot sees its rows once it committed.
     * The id is placed in the epoch that puts it at most 2^31 before xmax, as PostgreSQL itself does: an id that
     * comes out at or after xmax (mod 2^32) has not finished yet.
     */
    boolean hasFinished(long xid32) {
        if (xid32 < 0 || xid32 >= XID_SPACE) {
            throw new IllegalArgumentException("not a 32-bit transaction id: " + xid32);
        }
        // how far before xmax the id lies, in the 32-bit circle: 0 or "negative" means at or after xmax
        int before = (int) (xmax - xid32);
        if (before <= 0) {
            return false;
        }
        long full = xmax - before;
        return full < xmin || Arrays.binarySearch(inProgress, full) < 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TransactionSnapshot that && xmin == that.xmin && xmax == that.xmax
                && Arrays.equals(inProgress, that.inProgress);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(xmin) + Long.hashCode(xmax)) + Arrays.hashCode(inProgress);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(xmin).append(':').append(xmax).append(':');
        for (int i = 0; i < inProgress.length; i++) {
            text.append(i == 0 ? "" : ",").append(inProgress[i]);
        }
        return text.toString();
    }
}
