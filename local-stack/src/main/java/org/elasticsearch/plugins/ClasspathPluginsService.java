package org.elasticsearch.plugins;

import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plugins instantiated from classes on the classpath instead of plugin bundles on disk: how the local stack gives
 * its embedded node the modules a distribution would have (HTTP transport, analysis). It lives in Elasticsearch's
 * package because the loaded-plugin record it builds is package-private there.
 */
public class ClasspathPluginsService extends PluginsService {

    private final List<LoadedPlugin> plugins;

    public ClasspathPluginsService(Settings settings, Environment environment, Collection<Class<? extends Plugin>> classes) {
        super(settings, environment.configDir(), PluginsLoader.createPluginsLoader(Set.of(), Set.of(), Map.of(), false));
        this.plugins = classes.stream()
                              .map(type -> new LoadedPlugin(descriptor(type), loadPlugin(type, settings, environment.configDir()),
                                      type.getClassLoader()))
                              .toList();
        loadExtensions(plugins);
    }

    @Override
    protected List<LoadedPlugin> plugins() {
        return plugins;
    }

    private static PluginDescriptor descriptor(Class<? extends Plugin> type) {
        return new PluginDescriptor(type.getSimpleName(), "classpath plugin " + type.getName(), "embedded",
                org.elasticsearch.Version.CURRENT.toString(), "17", type.getName(), null, List.of(), false, false, false, false);
    }
}
