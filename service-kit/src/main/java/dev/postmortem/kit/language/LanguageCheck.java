package dev.postmortem.kit.language;

import dev.postmortem.kit.language.BlamelessLanguage.Finding;

import java.util.ArrayList;
import java.util.List;

/**
 * The blameless-language check as configured ({@code postmortem.language.*}): the rules set there, or no findings at
 * all when the aid is switched off. The write side checks commands with it, the read side views, the web UI each
 * field as it is typed.
 */
public final class LanguageCheck {

    private final BlamelessLanguage language;
    private final boolean enabled;

    public LanguageCheck(LanguageProperties properties) {
        this.language = new BlamelessLanguage(properties.rules());
        this.enabled = properties.enabled();
    }

    /** A collector for the findings of several fields, each named as its caller names it. */
    public Findings findings() {
        return new Findings();
    }

    /** The findings in one field's text; none when switched off or for no text. */
    public List<Finding> check(String field, String text) {
        return enabled ? language.check(field, text) : List.of();
    }

    /** As {@link #check}, for the additional information, where pasted logs are pointed out too. */
    public List<Finding> checkAdditionalInfo(String field, String text) {
        return enabled ? language.checkAdditionalInfo(field, text) : List.of();
    }

    /** The findings of one document's fields, in the order they were checked. */
    public final class Findings {

        private final List<Finding> found = new ArrayList<>();

        public Findings text(String field, String value) {
            found.addAll(check(field, value));
            return this;
        }

        public Findings additionalInfo(String field, String value) {
            found.addAll(checkAdditionalInfo(field, value));
            return this;
        }

        public List<Finding> list() {
            return List.copyOf(found);
        }
    }
}
