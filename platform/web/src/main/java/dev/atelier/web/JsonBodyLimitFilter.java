package dev.atelier.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a JSON body larger than {@code atelier.web.max-json-body} with a 413 problem: by its declared length
 * before anything is read, or, for a chunked body, as soon as reading passes the limit. Without it a client could
 * make a service buffer and parse a body of any size. Uploads (multipart) have their own limits.
 */
final class JsonBodyLimitFilter extends OncePerRequestFilter {

    private final DataSize limit;

    JsonBodyLimitFilter(DataSize limit) {
        this.limit = limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isJson(request.getContentType())) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > limit.toBytes()) {
            request.setAttribute(ProblemErrorController.PROBLEM_ATTRIBUTE, tooLarge());
            response.sendError(HttpStatus.CONTENT_TOO_LARGE.value());
            return;
        }
        chain.doFilter(new Limited(request, limit.toBytes()), response);
    }

    private ProblemDetail tooLarge() {
        return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Request body too large",
                "a JSON body may have at most " + limit.toKilobytes() + " KB");
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.getSubtype().equals("json") || type.getSubtype().endsWith("+json");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Thrown while reading a body past the limit; {@link ApiProblems} answers it with a 413. */
    final class BodyTooLarge extends IOException {

        BodyTooLarge() {
            super("request body exceeds " + limit);
        }

        ProblemDetail problem() {
            return tooLarge();
        }
    }

    private final class Limited extends HttpServletRequestWrapper {

        private final long max;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), max);
            }
            return stream;
        }
    }

    private final class Counting extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long max;
        private long read;

        Counting(ServletInputStream delegate, long max) {
            this.delegate = delegate;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > max) {
                throw new BodyTooLarge();
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
