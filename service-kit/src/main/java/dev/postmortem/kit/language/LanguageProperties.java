package dev.postmortem.kit.language;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * {@code postmortem.language.*}: the blameless-writing aid, the same for the services and the web UI. A list left unset keeps the built-in defaults
 * ({@link BlamelessLanguage.Rules#defaults()}); a list set replaces them.
 */
@ConfigurationProperties("postmortem.language")
public record LanguageProperties(@DefaultValue("true") boolean enabled,
                                 List<String> counterfactualPhrases,
                                 List<String> blamePhrases,
                                 @DefaultValue("true") boolean detectPastedLogs) {

    public BlamelessLanguage.Rules rules() {
        return new BlamelessLanguage.Rules(
                counterfactualPhrases == null ? BlamelessLanguage.Rules.DEFAULT_COUNTERFACTUALS : counterfactualPhrases,
                blamePhrases == null ? BlamelessLanguage.Rules.DEFAULT_BLAME : blamePhrases,
                detectPastedLogs);
    }
}
