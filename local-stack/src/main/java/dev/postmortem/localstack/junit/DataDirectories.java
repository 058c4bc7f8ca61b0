package dev.postmortem.localstack.junit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Data directories for tests that start private stacks (to stop a broker, or to restart on the same data). Each
 * test makes its own through one of these and deletes them all afterwards.
 */
public final class DataDirectories {

    private final List<Path> created = new ArrayList<>();

    public Path newDirectory() {
        Path directory = LocalStackExtension.newDataDirectory();
        created.add(directory);
        return directory;
    }

    public void deleteAll() {
        created.forEach(LocalStackExtension::deleteRecursively);
        created.clear();
    }
}
