package dev.postmortem.query.notify;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The notifier reads the stream only when it has somewhere to send: a webhook or an SMTP server configured, and
 * {@code postmortem.notify.enabled} not false. Without either it would fold every event for nothing.
 */
class NotifierEnabled implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Binder binder = Binder.get(context.getEnvironment());
        boolean enabled = binder.bind("postmortem.notify.enabled", Boolean.class).orElse(true);
        boolean webhook = binder.bind("postmortem.notify.webhooks[0].url", String.class).map(url -> !url.isBlank()).orElse(false);
        boolean mail = binder.bind("spring.mail.host", String.class).map(host -> !host.isBlank()).orElse(false);
        return enabled && (webhook || mail);
    }
}
