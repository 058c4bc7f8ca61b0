package dev.postmortem.command.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Caps the size of a request body ({@code postmortem.web.max-request-size}, 512 KB: far above the largest legitimate
 * write, three 20,000-character texts). A declared length above it is refused before reading (413); a chunked body
 * is cut off when it passes the cap, and the handler answers 413 too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestSizeLimit extends OncePerRequestFilter {

    private final long maxBytes;

    RequestSizeLimit(@Value("${postmortem.web.max-request-size:512KB}") DataSize maxSize) {
        this.maxBytes = maxSize.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            response.setStatus(413);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(("{\"type\":\"urn:problem-type:postmortem:request-too-large\",\"title\":\"Request too large\","
                    + "\"status\":413,\"detail\":\"The body has %d bytes; at most %d are accepted.\","
                    + "\"errors\":[{\"field\":\"body\",\"message\":\"at most %d bytes\"}]}")
                    .formatted(request.getContentLengthLong(), maxBytes, maxBytes).getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(new Capped(request, maxBytes), response);
    }

    /** Thrown while reading a body that passes the cap. */
    static final class TooLargeException extends IOException {
        final long maxBytes;

        TooLargeException(long maxBytes) {
            super("the request body is larger than " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }
    }

    private static final class Capped extends HttpServletRequestWrapper {
        private final long maxBytes;
        private ServletInputStream stream;

        Capped(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0 && ++read > maxBytes) {
                            throw new TooLargeException(maxBytes);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0 && (read += n) > maxBytes) {
                            throw new TooLargeException(maxBytes);
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
