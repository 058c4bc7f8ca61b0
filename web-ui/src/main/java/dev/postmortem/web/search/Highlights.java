package dev.postmortem.web.search;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Search highlights as the page shows them: the fragment is the author's text, so all of it is escaped, and only the
 * search server's own markers around what matched become emphasis again.
 */
@Component("highlights")
public class Highlights {

    public String safe(String fragment) {
        if (fragment == null) {
            return "";
        }
        return HtmlUtils.htmlEscape(fragment).replace("&lt;em&gt;", "<em class=\"hl\">").replace("&lt;/em&gt;", "</em>");
    }
}
