package dev.postmortem.query.notify;

import dev.postmortem.kit.security.Contacts;
import dev.postmortem.kit.security.SecurityProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;


/**
 * The notifier's parts. What it writes is always there (the outbox, the people who signed in with a token, the
 * digest, the operator's API); reading the stream and sending run only when there is somewhere to send
 * ({@link NotifierEnabled}).
 */
@Configuration(proxyBeanMethods = false)
class NotifyConfiguration implements WebMvcConfigurer {

    private final People people;
    private final SecurityProperties security;

    NotifyConfiguration(People people, SecurityProperties security) {
        this.people = people;
        this.security = security;
    }

    @Bean
    Letters letters(NotifyProperties properties) {
        return new Letters(properties);
    }

    @Bean
    Messages messages(NotifyProperties properties, Letters letters) {
        return new Messages(properties, people, letters);
    }

    /** Remembers how to reach whoever uses the API with a token (their e-mail and chat claims, their groups). */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token) {
                    try {
                        Contacts.of(token, security).ifPresent(people::remember);
                    } catch (RuntimeException e) {
                        // Never in the way of a read: the person is remembered on a later request.
                        LoggerFactory.getLogger(People.class).warn("Could not remember how to reach {}: {}", token.getName(), e.toString());
                    }
                }
                return true;
            }
        }).addPathPatterns("/api/**");
    }

    /** Sends and schedules only when the notifier is on. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(NotifierEnabled.class)
    @EnableScheduling
    static class Sending {

        private static final Logger log = LoggerFactory.getLogger(Sending.class);

        @Bean
        Dispatcher dispatcher(Outbox outbox, NotifyProperties properties, ObjectProvider<JavaMailSender> mail) {
            log.info("Notifier on: {} webhook(s){}", properties.webhooks().size(), mail.getIfAvailable() != null ? ", e-mail over SMTP" : ", no e-mail (spring.mail.host unset)");
            return new Dispatcher(outbox, properties, mail);
        }

        @Bean
        Schedule notifierSchedule(Dispatcher dispatcher, Digests digests, Resurfacing resurfacing) {
            return new Schedule(dispatcher, digests, resurfacing);
        }
    }

    /** The dispatcher's polling and the daily digest. */
    static class Schedule {

        private static final Logger log = LoggerFactory.getLogger(Schedule.class);
        private final Dispatcher dispatcher;
        private final Digests digests;
        private final Resurfacing resurfacing;

        Schedule(Dispatcher dispatcher, Digests digests, Resurfacing resurfacing) {
            this.dispatcher = dispatcher;
            this.digests = digests;
            this.resurfacing = resurfacing;
        }

        @Scheduled(fixedDelayString = "${postmortem.notify.dispatch-interval:1s}")
        void dispatch() {
            try {
                dispatcher.dispatchDue();
            } catch (RuntimeException e) {
                // MongoDB away, say: the next round tries again; nothing is lost, the outbox keeps everything.
                log.warn("The notifier could not dispatch: {}", e.toString());
            }
        }

        @Scheduled(cron = "${postmortem.notify.digest.cron:0 0 8 * * *}", zone = "${postmortem.notify.digest.zone:UTC}")
        void digest() {
            Digests.Run run = digests.run();
            log.info("Digest of {}: {} owner(s), {} queued", run.day(), run.owners(), run.queued());
        }

        @Scheduled(cron = "${postmortem.notify.resurface-cron:0 0 9 1 * *}", zone = "${postmortem.notify.digest.zone:UTC}")
        void resurface() {
            Resurfacing.Run run = resurfacing.run();
            log.info("Earlier years of {}: {} post-mortem(s), {} message(s) queued", run.month(), run.incidents(), run.queued());
        }
    }
}
