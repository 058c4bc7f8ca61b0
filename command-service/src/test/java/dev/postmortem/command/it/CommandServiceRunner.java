package dev.postmortem.command.it;

import dev.postmortem.command.CommandServiceApplication;
import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.InProcessService;
import dev.postmortem.localstack.junit.TestUsers;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Properties;

/** Starts command-service in this JVM against given servers, on a free port, for tests that stop and start it. */
final class CommandServiceRunner {

    private CommandServiceRunner() {
    }

    static ConfigurableApplicationContext start(Properties addresses, String... extraArguments) {
        return InProcessService.start(CommandServiceApplication.class, addresses, extraArguments);
    }

    /** Its API, signed in as an admin. */
    static HttpApi api(ConfigurableApplicationContext service) {
        return new HttpApi(InProcessService.baseUrl(service)).as(TestUsers.ADMIN);
    }
}
