package dev.postmortem.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The write side: accepts commands over HTTP and stores the resulting events in PostgreSQL. */
@SpringBootApplication
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
