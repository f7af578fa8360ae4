package dev.wsgi4j.http;

/**
 * Bounds on a multipart upload, so one request can neither fill the disk nor the heap. Every size is in bytes;
 * exceeding one is answered with 413.
 *
 * @param maxFileSize        largest single file part (copied to disk)
 * @param maxTotalSize       largest request body, framing included
 * @param maxParts           most parts, fields and files together
 * @param maxFieldSize       largest single non-file field (held in memory)
 * @param maxFieldsTotalSize most bytes of all non-file fields together (the memory one request may take)
 * @param maxPartHeaderSize  largest header block of one part; a longer one is malformed input (400)
 */
public record MultipartLimits(long maxFileSize, long maxTotalSize, int maxParts, int maxFieldSize,
                              long maxFieldsTotalSize, int maxPartHeaderSize) {

    private static final int MIB = 1024 * 1024;

    /** 32 MiB per file, 64 MiB per request, 100 parts, 1 MiB per field, 2 MiB of fields, 10 KiB per part head. */
    public static final MultipartLimits DEFAULTS = new MultipartLimits(32L * MIB, 64L * MIB, 100, MIB, 2L * MIB,
            10 * 1024);

    public MultipartLimits {
        positive("maxFileSize", maxFileSize);
        positive("maxTotalSize", maxTotalSize);
        positive("maxParts", maxParts);
        positive("maxFieldSize", maxFieldSize);
        positive("maxFieldsTotalSize", maxFieldsTotalSize);
        positive("maxPartHeaderSize", maxPartHeaderSize);
        if (maxFieldSize == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxFieldSize must be below Integer.MAX_VALUE");
        }
    }

    public MultipartLimits withMaxFileSize(long bytes) {
        return new MultipartLimits(bytes, maxTotalSize, maxParts, maxFieldSize, maxFieldsTotalSize, maxPartHeaderSize);
    }

    public MultipartLimits withMaxTotalSize(long bytes) {
        return new MultipartLimits(maxFileSize, bytes, maxParts, maxFieldSize, maxFieldsTotalSize, maxPartHeaderSize);
    }

    public MultipartLimits withMaxParts(int parts) {
        return new MultipartLimits(maxFileSize, maxTotalSize, parts, maxFieldSize, maxFieldsTotalSize, maxPartHeaderSize);
    }

    public MultipartLimits withMaxFieldSize(int bytes) {
        return new MultipartLimits(maxFileSize, maxTotalSize, maxParts, bytes, maxFieldsTotalSize, maxPartHeaderSize);
    }

    public MultipartLimits withMaxFieldsTotalSize(long bytes) {
        return new MultipartLimits(maxFileSize, maxTotalSize, maxParts, maxFieldSize, bytes, maxPartHeaderSize);
    }

    public MultipartLimits withMaxPartHeaderSize(int bytes) {
        return new MultipartLimits(maxFileSize, maxTotalSize, maxParts, maxFieldSize, maxFieldsTotalSize, bytes);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
