package dev.atelier.web;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A page of a list and the opaque cursor of the next one ({@code null} on the last page). Cursors carry the sort
 * key of the last item, so pages stay stable while rows are added.
 */
public record CursorPage<T>(List<T> items, @Nullable String nextCursor) {

    /** Builds a page from up to {@code limit + 1} fetched rows: the extra row only tells that there is a next page. */
    public static <T> CursorPage<T> of(List<T> fetched, int limit, Function<T, String> sortKey, Cursors cursors) {
        if (fetched.size() <= limit) {
            return new CursorPage<>(List.copyOf(fetched), null);
        }
        List<T> items = List.copyOf(fetched.subList(0, limit));
        return new CursorPage<>(items, cursors.encode(sortKey.apply(items.getLast())));
    }

    public <R> CursorPage<R> map(Function<T, R> mapper) {
        return new CursorPage<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
