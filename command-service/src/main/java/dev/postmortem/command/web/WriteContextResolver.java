package dev.postmortem.command.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.security.Principal;

/**
 * Builds the {@link WriteContext} of a request. Until authentication arrives, requests without a principal act as
 * the configured default principal ({@code postmortem.security.default-actor}); a request body never names the actor.
 */
@Component
class WriteContextResolver implements HandlerMethodArgumentResolver {

    static final String REASON_PARAMETER = "reason";
    static final int MAX_REASON_LENGTH = 1000;

    private final String defaultActor;

    WriteContextResolver(@Value("${postmortem.security.default-actor}") String defaultActor) {
        if (defaultActor == null || defaultActor.isBlank()) {
            throw new IllegalStateException("postmortem.security.default-actor must not be blank");
        }
        this.defaultActor = defaultActor.strip();
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == WriteContext.class;
    }

    @Override
    public WriteContext resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                        NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        Principal principal = request == null ? null : request.getUserPrincipal();
        String actor = principal != null && principal.getName() != null && !principal.getName().isBlank()
                ? principal.getName() : defaultActor;
        String reason = webRequest.getParameter(REASON_PARAMETER);
        if (reason != null) {
            reason = reason.strip();
            if (reason.length() > MAX_REASON_LENGTH) {
                throw new BadRequestException(REASON_PARAMETER, "must be at most " + MAX_REASON_LENGTH + " characters");
            }
            if (reason.isEmpty()) {
                reason = null;
            }
        }
        Long expectedVersion = ETags.parseIfMatch(webRequest.getHeader(HttpHeaders.IF_MATCH));
        return new WriteContext(actor, CorrelationIdFilter.currentId(request), reason, expectedVersion);
    }
}
