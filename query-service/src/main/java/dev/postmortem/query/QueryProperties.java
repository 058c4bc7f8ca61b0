package dev.postmortem.query;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code postmortem.query.*}.
 *
 * @param topic                 the event topic to project
 * @param readYourWritesTimeout how long a read with {@code minVersion} waits for the view to catch up
 */
@ConfigurationProperties("postmortem.query")
public record QueryProperties(@DefaultValue("postmortem.events") String topic,
                              @DefaultValue("5s") Duration readYourWritesTimeout) {

    public String deadLetterTopic() {
        return topic + ".dlt";
    }
}
