package dev.postmortem.web.search;

import dev.postmortem.web.backend.Backend;
import dev.postmortem.web.backend.BackendProblem;
import dev.postmortem.web.backend.Uris;
import dev.postmortem.web.pages.Pages;
import dev.postmortem.web.views.Lists;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Search across the organisation: the words typed, the facets as filters to click (severity, status, tags, year —
 * a chosen one clicked again is taken off), highlights of what matched, and pages. Every filter is in the URL, so a
 * search can be bookmarked and shared.
 */
@Controller
class SearchController {

    static final int PAGE_SIZE = 20;
    private static final List<String> FILTERS = List.of("q", "tag", "severity", "status", "owner", "from", "to", "sort", "page");

    private final Backend backend;

    SearchController(Backend backend) {
        this.backend = backend;
    }

    /** A facet's value as a link: what the page shows and where a click goes. */
    record Filter(String label, long count, String href, boolean chosen) {
    }

    @GetMapping("/search")
    String search(@RequestParam MultiValueMap<String, String> query, Model model) {
        MultiValueMap<String, String> filters = new LinkedMultiValueMap<>();
        FILTERS.forEach(filter -> {
            List<String> values = query.get(filter);
            if (values != null) {
                values.stream().filter(value -> value != null && !value.isBlank()).map(String::strip).forEach(value -> filters.add(filter, value));
            }
        });
        MultiValueMap<String, String> api = new LinkedMultiValueMap<>(filters);
        api.set("size", String.valueOf(PAGE_SIZE));
        Lists.SearchResult result;
        try {
            result = backend.read(Uris.of("/api/search", api), Lists.SearchResult.class);
        } catch (BackendProblem problem) {
            if (problem.status() >= 500) {
                throw problem;
            }
            result = new Lists.SearchResult(0, List.of(), Map.of(), null);
            model.addAttribute("errors", problem.fields().isEmpty() ? Map.of("q", problem.getMessage()) : problem.fields());
        }
        model.addAttribute("result", result);
        model.addAttribute("query", filters.toSingleValueMap());
        model.addAttribute("tags", filters.getOrDefault("tag", List.of()));
        model.addAttribute("facets", facets(result, filters));
        int page = page(filters);
        model.addAttribute("previous", page > 0 ? link(filters, "page", String.valueOf(page - 1)) : null);
        model.addAttribute("next", result.total() > (long) (page + 1) * PAGE_SIZE ? link(filters, "page", String.valueOf(page + 1)) : null);
        String words = filters.getFirst("q");
        Pages.title(model, words == null ? "Search" : "Search: " + words);
        return "search";
    }

    private static Map<String, List<Filter>> facets(Lists.SearchResult result, MultiValueMap<String, String> filters) {
        Map<String, List<Filter>> facets = new LinkedHashMap<>();
        result.facets().forEach((facet, buckets) -> {
            if (buckets.isEmpty()) {
                return;
            }
            List<Filter> links = new ArrayList<>();
            buckets.forEach((value, count) -> {
                MultiValueMap<String, String> next = new LinkedMultiValueMap<>(filters);
                next.remove("page");
                boolean chosen;
                switch (facet) {
                    case "tags" -> {
                        List<String> tags = new ArrayList<>(filters.getOrDefault("tag", List.of()));
                        chosen = tags.contains(value);
                        if (chosen) {
                            tags.remove(value);
                        } else {
                            tags.add(value);
                        }
                        next.put("tag", tags);
                    }
                    case "year" -> {
                        String from = value + "-01-01T00:00:00Z";
                        chosen = from.equals(filters.getFirst("from"));
                        next.remove("from");
                        next.remove("to");
                        if (!chosen) {
                            next.add("from", from);
                            next.add("to", value + "-12-31T23:59:59Z");
                        }
                    }
                    default -> {
                        chosen = value.equals(filters.getFirst(facet));
                        next.remove(facet);
                        if (!chosen) {
                            next.add(facet, value);
                        }
                    }
                }
                links.add(new Filter(value, count, href(next), chosen));
            });
            facets.put(switch (facet) {
                case "tags" -> "Tags";
                case "year" -> "Year of the incident";
                default -> Character.toUpperCase(facet.charAt(0)) + facet.substring(1);
            }, links);
        });
        return facets;
    }

    private static String link(MultiValueMap<String, String> filters, String name, String value) {
        MultiValueMap<String, String> next = new LinkedMultiValueMap<>(filters);
        next.set(name, value);
        return href(next);
    }

    private static String href(MultiValueMap<String, String> filters) {
        return Uris.of("/search", filters);
    }

    private static int page(MultiValueMap<String, String> filters) {
        try {
            return Math.max(0, Integer.parseInt(filters.getFirst("page") == null ? "0" : filters.getFirst("page")));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
