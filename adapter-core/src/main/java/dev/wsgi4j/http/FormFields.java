package dev.wsgi4j.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decoded form or query fields (and the cookies {@link Cookies#parse} reads): an immutable, insertion-ordered
 * multimap, because HTML forms legitimately repeat a name ({@code ?tag=a&tag=b}) and some applications care about
 * the order the client sent.
 */
public final class FormFields {

    private static final FormFields EMPTY = new FormFields(List.of());

    private final List<Map.Entry<String, String>> entries;
    private final Map<String, List<String>> byName;

    private FormFields(List<Map.Entry<String, String>> entries) {
        this.entries = List.copyOf(entries);
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : this.entries) {
            grouped.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
        grouped.replaceAll((k, v) -> List.copyOf(v));
        this.byName = Collections.unmodifiableMap(grouped);
    }

    public static FormFields empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every value sent for {@code name}, in order; empty when the field is absent. */
    public List<String> all(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** The first value sent for {@code name}, or null when the field is absent. */
    public String first(String name) {
        List<String> values = byName.get(name);
        return values == null ? null : values.get(0);
    }

    /** The first value sent for {@code name}, or {@code fallback} when the field is absent. */
    public String first(String name, String fallback) {
        String value = first(name);
        return value == null ? fallback : value;
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** The distinct names, in the order each first appeared. */
    public Set<String> names() {
        return byName.keySet();
    }

    /** Every (name, value) pair exactly as sent, in order. */
    public List<Map.Entry<String, String>> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FormFields other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "FormFields" + entries;
    }

    /** Collects fields in order; parsers use it, and so can tests and applications that build forms. */
    public static final class Builder {
        private final List<Map.Entry<String, String>> entries = new ArrayList<>();

        private Builder() {
        }

        public Builder add(String name, String value) {
            entries.add(Map.entry(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
            return this;
        }

        public int size() {
            return entries.size();
        }

        public FormFields build() {
            return entries.isEmpty() ? EMPTY : new FormFields(entries);
        }
    }
}
