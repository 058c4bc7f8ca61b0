package dev.postmortem.command;

import dev.postmortem.kit.language.KitLanguageConfiguration;
import dev.postmortem.kit.observability.KafkaHealthConfiguration;
import dev.postmortem.kit.problem.KitProblemConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** The write side: accepts commands over HTTP and stores the resulting events in PostgreSQL. */
@SpringBootApplication
// What both services share from service-kit besides security (which each service's SecurityConfiguration imports).
@Import({KitProblemConfiguration.class, KafkaHealthConfiguration.class, KitLanguageConfiguration.class})
@ConfigurationPropertiesScan
public class CommandServiceApplication {

    public static void main(String[] args) {
        // No internet on our machines: Axon's update checker must not phone home; its console banner is noise.
        System.setProperty("axoniq.update-checker.disabled", System.getProperty("axoniq.update-checker.disabled", "true"));
        System.setProperty("disable-axoniq-console-message", System.getProperty("disable-axoniq-console-message", "true"));
        try {
            SpringApplication.run(CommandServiceApplication.class, args);
        } catch (Throwable startupFailure) {
            // A non-daemon Axon thread would otherwise keep a failed JVM alive; Spring has logged the cause.
            System.exit(1);
        }
    }
}
