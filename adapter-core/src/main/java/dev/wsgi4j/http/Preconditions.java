package dev.wsgi4j.http;

import dev.wsgi4j.Environ;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates a request's conditional headers against a representation's validators, in the order of RFC 9110
 * §13.2.2: If-Match, else If-Unmodified-Since (→ 412); If-None-Match, else If-Modified-Since for GET/HEAD (→ 304
 * for GET/HEAD, 412 otherwise); then If-Range for a ranged GET. Dates compare at whole seconds, the resolution of
 * Last-Modified; an invalid date is ignored (§13.1.3, §13.1.4).
 */
final class Preconditions {

    /** What the conditional headers decide. */
    enum Outcome { PROCEED, NOT_MODIFIED, PRECONDITION_FAILED }

    private final EntityTag etag;
    private final Instant lastModified;

    /** @param lastModified whole seconds are compared */
    Preconditions(EntityTag etag, Instant lastModified) {
        this.etag = etag;
        this.lastModified = lastModified.truncatedTo(ChronoUnit.SECONDS);
    }

    Outcome evaluate(Map<String, Object> environ) {
        String method = Environ.method(environ);
        String ifMatch = header(environ, "HTTP_IF_MATCH");
        if (ifMatch != null) {
            if (!matches(ifMatch, true)) {
                return Outcome.PRECONDITION_FAILED;
            }
        } else {
            Optional<Instant> since = HttpDates.parse(header(environ, "HTTP_IF_UNMODIFIED_SINCE"));
            if (since.isPresent() && lastModified.isAfter(since.get())) {
                return Outcome.PRECONDITION_FAILED;
            }
        }
        boolean safe = method.equals("GET") || method.equals("HEAD");
        String ifNoneMatch = header(environ, "HTTP_IF_NONE_MATCH");
        if (ifNoneMatch != null) {
            if (matches(ifNoneMatch, false)) {
                return safe ? Outcome.NOT_MODIFIED : Outcome.PRECONDITION_FAILED;
            }
        } else if (safe) {
            Optional<Instant> since = HttpDates.parse(header(environ, "HTTP_IF_MODIFIED_SINCE"));
            if (since.isPresent() && !lastModified.isAfter(since.get())) {
                return Outcome.NOT_MODIFIED;
            }
        }
        return Outcome.PROCEED;
    }

    /**
     * True when a Range request may be honoured: there is no If-Range, or it names this representation (an
     * entity-tag by strong comparison, or a date equal to Last-Modified; §13.1.5).
     */
    boolean rangeApplies(Map<String, Object> environ) {
        String ifRange = header(environ, "HTTP_IF_RANGE");
        if (ifRange == null) {
            return true;
        }
        EntityTag tag = EntityTag.parse(ifRange);
        if (tag != null) {
            return tag.strongMatch(etag);
        }
        return HttpDates.parse(ifRange).map(lastModified::equals).orElse(false);
    }

    private boolean matches(String list, boolean strong) {
        List<EntityTag> tags = EntityTag.parseList(list);
        if (tags == null) {
            return true; // "*": the file exists
        }
        return tags.stream().anyMatch(t -> strong ? t.strongMatch(etag) : t.weakMatch(etag));
    }

    private static String header(Map<String, Object> environ, String key) {
        Object value = environ.get(key);
        return value == null ? null : value.toString();
    }
}
