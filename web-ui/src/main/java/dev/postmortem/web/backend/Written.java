package dev.postmortem.web.backend;

import java.util.List;
import java.util.Map;

/**
 * A write's answer: the post-mortem's version after it, the id of what it created (if it did), and the
 * blameless-language warnings about the text just written.
 */
public record Written(String postMortemId, String id, long version, List<Map<String, Object>> warnings) {
}
