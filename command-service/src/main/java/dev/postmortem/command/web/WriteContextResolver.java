package dev.postmortem.command.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.server.ResponseStatusException;

import java.security.Principal;
import java.util.List;

/**
 * Builds the {@link WriteContext} of a request. The actor is the authenticated principal (Spring Security lets no
 * write through without one); a request body never names the actor.
 */
@Component
class WriteContextResolver implements HandlerMethodArgumentResolver {

    static final String REASON_PARAMETER = "reason";
    static final int MAX_REASON_LENGTH = 1000;

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == WriteContext.class;
    }

    @Override
    public WriteContext resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                        NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        Principal principal = request == null ? null : request.getUserPrincipal();
        if (principal == null || principal.getName() == null || principal.getName().isBlank()) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED,
                    "A write needs a signed-in user: the actor of its events.");
        }
        String actor = principal.getName();
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
        List<String> groups = principal instanceof Authentication authentication
                ? authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                                .filter(authority -> authority.startsWith("GROUP_")).map(authority -> authority.substring(6)).toList()
                : List.of();
        return new WriteContext(actor, groups, CorrelationIdFilter.currentId(request), reason, expectedVersion);
    }
}
