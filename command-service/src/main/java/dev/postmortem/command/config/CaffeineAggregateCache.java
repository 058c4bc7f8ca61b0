package dev.postmortem.command.config;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

import java.time.Duration;
import java.util.concurrent.ConcurrentMap;

/**
 * Axon's aggregate {@link Cache} on a bounded Caffeine map (Axon ships adapters for JCache and Ehcache only, and its
 * {@code WeakReferenceCache} loses entries at every garbage collection).
 * <p>
 * Axon's caching repository puts an aggregate here after a command commits, and removes it when a unit of work that
 * used it rolls back, so a failed append never leaves a half-applied aggregate behind. Entry listeners are not
 * supported: Axon's repositories do not register any.
 */
final class CaffeineAggregateCache implements Cache {

    private final ConcurrentMap<Object, Object> entries;

    CaffeineAggregateCache(long maximumSize, Duration expireAfterAccess) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterAccess(expireAfterAccess)
                .build()
                .asMap();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) entries.get(key);
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.putIfAbsent(key, value) == null;
    }

    @Override
    public boolean remove(Object key) {
        return entries.remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        throw new UnsupportedOperationException("the aggregate cache does not notify entry listeners");
    }
}
