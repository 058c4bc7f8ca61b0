package dev.postmortem.localstack;

import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.elasticsearch.index.analysis.PreBuiltAnalyzerProviderFactory;
import org.elasticsearch.indices.analysis.PreBuiltCacheFactory;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.util.List;

/**
 * The {@code english} analyzer a real Elasticsearch node has from its analysis-common module (which is not on
 * Maven Central), backed by the same Lucene class, so text is analysed alike on the embedded node and on a real
 * server: "The deletions were restored quickly" → delet, were, restor, quickli.
 */
public class EnglishAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public List<PreBuiltAnalyzerProviderFactory> getPreBuiltAnalyzerProviderFactories() {
        return List.of(new PreBuiltAnalyzerProviderFactory("english", PreBuiltCacheFactory.CachingStrategy.LUCENE,
                EnglishAnalyzer::new));
    }
}
