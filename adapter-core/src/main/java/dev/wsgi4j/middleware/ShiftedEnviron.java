package dev.wsgi4j.middleware;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The environ a mounted application gets from {@link UrlMap}: its caller's environ seen through a small layer of
 * changes. Reads fall through to the caller's map; every write ({@code put}, {@code remove}, an entry's
 * {@code setValue}, the iterator's {@code remove}) lands in the layer, so the caller's map never changes, and the
 * mounted application may mutate its environ as it would a copy. Unlike a copy it costs a few small objects per
 * request instead of one node per key.
 *
 * <p>A change the caller makes to its own map later shows through for keys the mounted application has not
 * written. Not thread-safe, like the {@code HashMap} a server hands out.
 */
final class ShiftedEnviron extends AbstractMap<String, Object> {

    /** Marks a key of the caller's map that was removed here. */
    private static final Object REMOVED = new Object();
    /** What {@link #changes} answers for a key it does not hold. */
    private static final Object UNCHANGED = new Object();

    private final Map<String, Object> base;
    private final Map<String, Object> changes = new HashMap<>(8);
    private Set<Entry<String, Object>> entrySet;

    ShiftedEnviron(Map<String, Object> base) {
        this.base = base;
    }

    @Override
    public Object get(Object key) {
        Object changed = changes.getOrDefault(key, UNCHANGED);
        if (changed != UNCHANGED) {
            return changed == REMOVED ? null : changed;
        }
        return base.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        Object changed = changes.getOrDefault(key, UNCHANGED);
        return changed == UNCHANGED ? base.containsKey(key) : changed != REMOVED;
    }

    @Override
    public Object put(String key, Object value) {
        Object old = get(key);
        changes.put(key, value);
        return old;
    }

    @Override
    public Object remove(Object key) {
        if (!containsKey(key)) {
            return null;
        }
        Object old = get(key);
        if (base.containsKey(key)) {
            changes.put((String) key, REMOVED);
        } else {
            changes.remove(key);
        }
        return old;
    }

    @Override
    public int size() {
        int size = base.size();
        for (Entry<String, Object> change : changes.entrySet()) {
            boolean inBase = base.containsKey(change.getKey());
            if (change.getValue() == REMOVED) {
                size -= inBase ? 1 : 0;
            } else {
                size += inBase ? 0 : 1;
            }
        }
        return size;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        if (entrySet == null) {
            entrySet = new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    return new Entries();
                }

                @Override
                public int size() {
                    return ShiftedEnviron.this.size();
                }
            };
        }
        return entrySet;
    }

    /** The caller's keys first (as changed here), then the keys added here. */
    private final class Entries implements Iterator<Entry<String, Object>> {
        private final Iterator<String> baseKeys = base.keySet().iterator();
        /** The layer's keys, taken when the caller's are done, so removing through this iterator is safe. */
        private Object[] layerKeys;
        private int layerIndex;
        private String nextKey;
        private String lastKey;

        @Override
        public boolean hasNext() {
            if (nextKey != null) {
                return true;
            }
            while (baseKeys.hasNext()) {
                String key = baseKeys.next();
                if (changes.get(key) != REMOVED) {
                    nextKey = key;
                    return true;
                }
            }
            if (layerKeys == null) {
                layerKeys = changes.keySet().toArray();
            }
            while (layerIndex < layerKeys.length) {
                String key = (String) layerKeys[layerIndex++];
                Object value = changes.getOrDefault(key, UNCHANGED);
                if (value != UNCHANGED && value != REMOVED && !base.containsKey(key)) {
                    nextKey = key;
                    return true;
                }
            }
            return false;
        }

        @Override
        public Entry<String, Object> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            lastKey = nextKey;
            nextKey = null;
            return new Field(lastKey);
        }

        @Override
        public void remove() {
            if (lastKey == null) {
                throw new IllegalStateException();
            }
            ShiftedEnviron.this.remove(lastKey);
            lastKey = null;
        }
    }

    /** One key of this environ; its value is read and written through the layer. */
    private final class Field implements Entry<String, Object> {
        private final String key;

        Field(String key) {
            this.key = key;
        }

        @Override
        public String getKey() {
            return key;
        }

        @Override
        public Object getValue() {
            return get(key);
        }

        @Override
        public Object setValue(Object value) {
            return put(key, value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry<?, ?> e && key.equals(e.getKey()) && Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return key.hashCode() ^ Objects.hashCode(getValue());
        }

        @Override
        public String toString() {
            return key + "=" + getValue();
        }
    }
}
