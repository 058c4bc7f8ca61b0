package dev.postmortem.localstack.junit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Data directories for tests that start private stacks (to stop a broker, or to restart on the same data). Register
 * it with {@code @RegisterExtension}, or with {@code @ExtendWith} and take it as a test method's parameter: the
 * directories a test made are deleted after it.
 */
public final class DataDirectories implements AfterEachCallback, ParameterResolver {

    private final List<Path> created = new ArrayList<>();

    public Path newDirectory() {
        Path directory = LocalStackExtension.newDataDirectory();
        created.add(directory);
        return directory;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        deleteAll();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DataDirectories.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return this;
    }

    public void deleteAll() {
        created.forEach(LocalStackExtension::deleteRecursively);
        created.clear();
    }
}
