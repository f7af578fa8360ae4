package dev.wsgi4j.samples;

import dev.wsgi4j.Environ;
import dev.wsgi4j.http.BadRequestException;
import dev.wsgi4j.http.FormFields;
import dev.wsgi4j.http.QueryString;

import java.util.Map;

/**
 * Reads whole-number query parameters within bounds. A bad value is the client's mistake: it is thrown as
 * {@link BadRequestException}, which every wsgi4j server answers with 400 and the message.
 */
final class QueryParams {

    private final FormFields fields;

    private QueryParams(FormFields fields) {
        this.fields = fields;
    }

    /** The request's QUERY_STRING; a malformed escape is a 400. */
    static QueryParams of(Map<String, Object> environ) {
        return new QueryParams(QueryString.parse(Environ.queryString(environ)));
    }

    /** The first value of {@code name} as a number in {@code min..max}, or {@code fallback} when absent. */
    long number(String name, long fallback, long min, long max) {
        String text = fields.first(name);
        if (text == null) {
            return fallback;
        }
        boolean digits = !text.isEmpty() && text.length() <= 18 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        long value = digits ? Long.parseLong(text) : -1;
        if (!digits || value < min || value > max) {
            throw new BadRequestException(name + " must be a whole number in " + min + ".." + max);
        }
        return value;
    }
}
