package dev.postmortem.command.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.Collections;
import java.util.List;

/**
 * The API reads and answers JSON. Both media type headers are checked before a handler runs:
 * <ul>
 *   <li>Accept: without this, Spring would negotiate only after the handler, so a write was carried out and stored
 *       and the client then told 406 — a rejected request that wrote. Now 406 comes first and nothing is written.</li>
 *   <li>Content-Type: a wildcard such as {@code *}{@code /*} is refused with 415. Spring's {@code HttpHeaders}
 *       rejects it with an IllegalArgumentException (a 500); a body's type is always concrete (RFC 9110 §8.3).
 *       Unparseable values are left to Spring, which answers 415 for them itself.</li>
 * </ul>
 */
class JsonOnly implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws HttpMediaTypeException {
        List<String> accept = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        List<MediaType> acceptable;
        try {
            acceptable = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw new HttpMediaTypeNotAcceptableException("Could not parse Accept header: " + e.getMessage());
        }
        if (!acceptable.isEmpty() && acceptable.stream().noneMatch(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON))) {
            throw new HttpMediaTypeNotAcceptableException(List.of(MediaType.APPLICATION_JSON));
        }
        String contentType = request.getContentType();
        if (contentType != null) {
            try {
                MediaType type = MediaType.parseMediaType(contentType);
                if (!type.isConcrete()) {
                    throw new HttpMediaTypeNotSupportedException(type, List.of(MediaType.APPLICATION_JSON), HttpMethod.valueOf(request.getMethod()));
                }
            } catch (InvalidMediaTypeException unparseable) {
                return true;
            }
        }
        return true;
    }
}
