package dev.wsgi4j.http;

/**
 * Bounds on a urlencoded form, so a client cannot make the application buffer or parse without end.
 *
 * @param maxBodyBytes the largest body read into memory; a larger one is refused with 413 before it is read
 * @param maxFields    the most fields parsed; more is refused with 413
 */
public record FormLimits(long maxBodyBytes, int maxFields) {

    /** 1 MiB of body and {@link QueryString#DEFAULT_MAX_FIELDS} fields. */
    public static final FormLimits DEFAULTS = new FormLimits(1024 * 1024, QueryString.DEFAULT_MAX_FIELDS);

    public FormLimits {
        if (maxBodyBytes < 0 || maxBodyBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBodyBytes must be 0.." + (Integer.MAX_VALUE - 8) + ": " + maxBodyBytes);
        }
        if (maxFields < 0) {
            throw new IllegalArgumentException("maxFields must be >= 0: " + maxFields);
        }
    }

    public FormLimits withMaxBodyBytes(long bytes) {
        return new FormLimits(bytes, maxFields);
    }

    public FormLimits withMaxFields(int fields) {
        return new FormLimits(maxBodyBytes, fields);
    }
}
