package dev.postmortem.query.postmortem;

import dev.postmortem.query.stream.EventEnvelope;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The views a projection batch works on: each loaded once from where the projection keeps them, then changed in
 * place event by event ({@link PostMortemFold#applyInPlace}) instead of copied for every event. A fold that fails
 * leaves no half-changed view behind: the view is loaded again and the batch's earlier events for it are folded
 * anew, so what the batch writes afterwards is exactly the events before the failure.
 */
public final class WorkingViews {

    private final Function<String, PostMortemView> source;
    private final Map<String, PostMortemView> views = new LinkedHashMap<>();
    private final Map<String, List<EventEnvelope>> folded = new HashMap<>();

    /** @param source a post-mortem's stored view, or null if it has none yet; each call must return a fresh object */
    public WorkingViews(Function<String, PostMortemView> source) {
        this.source = source;
    }

    /** The post-mortem's view with every event folded so far (version -1 if it has none). */
    public PostMortemView get(String postMortemId) {
        return views.computeIfAbsent(postMortemId, this::load);
    }

    /** Folds the event into its post-mortem's view; on failure restores the view as it was before, and rethrows. */
    public PostMortemView fold(EventEnvelope envelope) {
        String id = envelope.postMortemId();
        PostMortemView view = get(id);
        try {
            PostMortemFold.applyInPlace(view, envelope);
        } catch (RuntimeException e) {
            PostMortemView restored = load(id);
            folded.getOrDefault(id, List.of()).forEach(earlier -> PostMortemFold.applyInPlace(restored, earlier));
            views.put(id, restored);
            throw e;
        }
        folded.computeIfAbsent(id, key -> new ArrayList<>()).add(envelope);
        return view;
    }

    /**
     * Takes the stored views of these post-mortems, read at once by the caller ({@code stored}: those found, by id; any
     * not in it has none yet), for each the batch does not hold yet.
     */
    public void preload(Collection<String> ids, Map<String, PostMortemView> stored) {
        for (String id : ids) {
            views.computeIfAbsent(id, key -> stored.containsKey(key) ? stored.get(key) : new PostMortemView());
        }
    }

    /** Of these post-mortems, those the batch does not hold yet. */
    public List<String> missing(Collection<String> ids) {
        return ids.stream().filter(id -> !views.containsKey(id)).toList();
    }

    public Collection<PostMortemView> all() {
        return views.values();
    }

    private PostMortemView load(String id) {
        PostMortemView stored = source.apply(id);
        return stored == null ? new PostMortemView() : stored;
    }
}
