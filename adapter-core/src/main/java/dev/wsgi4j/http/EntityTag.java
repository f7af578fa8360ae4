package dev.wsgi4j.http;

import java.util.ArrayList;
import java.util.List;

/**
 * An entity-tag (RFC 9110 §8.8.3): {@code "opaque"} or weak {@code W/"opaque"}, and the two comparisons §8.8.3.2
 * defines. Lists in If-Match / If-None-Match are read leniently: a member that is not an entity-tag is skipped, so
 * it simply matches nothing.
 */
record EntityTag(boolean weak, String opaque) {

    /** The header form, e.g. {@code "abc"} or {@code W/"abc"}. */
    @Override
    public String toString() {
        return (weak ? "W/\"" : "\"") + opaque + "\"";
    }

    /** Strong comparison: both strong and the same opaque tag (If-Match, If-Range). */
    boolean strongMatch(EntityTag other) {
        return !weak && !other.weak && opaque.equals(other.opaque);
    }

    /** Weak comparison: the same opaque tag, either may be weak (If-None-Match). */
    boolean weakMatch(EntityTag other) {
        return opaque.equals(other.opaque);
    }

    /** One entity-tag, or null when {@code value} is not one. */
    static EntityTag parse(String value) {
        String text = value.trim();
        boolean weak = text.startsWith("W/");
        String quoted = weak ? text.substring(2) : text;
        if (quoted.length() < 2 || quoted.charAt(0) != '"' || quoted.charAt(quoted.length() - 1) != '"') {
            return null;
        }
        String opaque = quoted.substring(1, quoted.length() - 1);
        for (int i = 0; i < opaque.length(); i++) {
            char c = opaque.charAt(i);
            // etagc = %x21 / %x23-7E / obs-text
            if (c == '"' || c < 0x21 || c == 0x7F || c > 0xFF) {
                return null;
            }
        }
        return new EntityTag(weak, opaque);
    }

    /**
     * The members of an If-Match / If-None-Match value; null for {@code *} (any current representation). Commas
     * inside a quoted tag are not separators (etagc allows them).
     */
    static List<EntityTag> parseList(String value) {
        if (value.trim().equals("*")) {
            return null;
        }
        List<EntityTag> tags = new ArrayList<>();
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || (value.charAt(i) == ',' && !quoted)) {
                EntityTag tag = parse(value.substring(start, i));
                if (tag != null) {
                    tags.add(tag);
                }
                start = i + 1;
            } else if (value.charAt(i) == '"') {
                quoted = !quoted;
            }
        }
        return tags;
    }
}
