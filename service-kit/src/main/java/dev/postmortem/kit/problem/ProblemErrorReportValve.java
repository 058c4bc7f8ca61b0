package dev.postmortem.kit.problem;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Errors Tomcat answers itself, before a request reaches Spring (e.g. request headers above
 * {@code server.max-http-request-header-size}), are written by the host's error report valve — as an HTML page.
 * This valve writes the same RFC 9457 problem document as {@link Problems} instead, with a problem type of this
 * API, so that no error of the service is anything but {@code application/problem+json}.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // As Tomcat's own: nothing below 400, nothing once a body is written, each error once.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String slug = Problems.statusSlug(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        String problem = ("{\"type\":\"" + Problems.TYPE_PREFIX + "%s\",\"title\":\"%s\",\"status\":%d,"
                + "\"detail\":\"The server refused the request before reading it (status %d: %s).\",\"errors\":[]}")
                .formatted(slug, title, status, status, title);
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(problem);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // The client is gone or the response committed meanwhile: there is nobody left to tell.
        }
    }

    /** Puts the valve in place of the host's error report valves, after Spring Boot has added its own. */
    @Order(Ordered.LOWEST_PRECEDENCE)
    public static class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                StandardHost host = (StandardHost) context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.getPipeline().addValve(new ProblemErrorReportValve());
                // StandardHost adds a valve of this class on start unless it finds one.
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            });
        }
    }
}
