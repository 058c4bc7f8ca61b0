package dev.postmortem.kit.problem;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Problem documents for the errors no controller sees (a service imports it, and extends {@link ApiProblemHandler}
 * for the rest): those Tomcat answers itself, and those sent to the error page.
 */
@Configuration(proxyBeanMethods = false)
public class KitProblemConfiguration {

    @Bean
    ProblemErrorReportValve.Installer problemErrorReportValve() {
        return new ProblemErrorReportValve.Installer();
    }

    @Bean
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }
}
