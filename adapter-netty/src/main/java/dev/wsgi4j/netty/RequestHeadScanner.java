package dev.wsgi4j.netty;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Finds where a request head ends and refuses what Netty's decoder cannot refuse because it normalises before we
 * see the result (RFC 9112 §2.2, §2.3, §5.2, §6.3):
 * <ul>
 * <li>obs-fold ({@code CRLF} then SP/HTAB inside the header block): Netty joins the lines silently; refused unless
 * {@link ServerConfig#allowObsFold()};</li>
 * <li>whitespace before the request line (Netty skips it);</li>
 * <li>an HTTP-version whose name is not exactly {@code HTTP} ({@code http/1.1}; Netty upper-cases it);</li>
 * <li>more than one {@code Content-Length} line, or a list-form value ({@code 3, 3}): Netty refuses these on
 * HTTP/1.1 but on HTTP/1.0 silently keeps the first value (RFC 9112 §6.3 item 5).</li>
 * </ul>
 * Everything else about the head is the codec's to check. This is a byte state machine with no channel behind it,
 * so a head may arrive split at any byte; it keeps no text (the header name and the version are matched with
 * counters), because it runs over every request the server reads. CR and LF before a request line are skipped
 * (RFC 9112 §2.2). After a head has ended it is ready for the next one; after a violation it stays refused.
 */
final class RequestHeadScanner implements ByteProcessor {

    /** {@link #scan} result: the head goes on past the bytes given. */
    static final int NEED_MORE = -1;
    /** {@link #scan} result: the head is refused; see {@link #violation()}. */
    static final int VIOLATION = -2;

    private static final int LEADING = 0;
    private static final int REQUEST_LINE = 1;
    private static final int LINE_START = 2;
    private static final int IN_NAME = 3;
    private static final int IN_FIELD = 4;
    /** A CR at the start of a line: the head ends at the LF after it. */
    private static final int EMPTY_CR = 5;
    private static final int ENDED = 6;

    private static final byte[] VERSION_NAME = {'H', 'T', 'T', 'P', '/'};
    private static final byte[] CONTENT_LENGTH = {'c', 'o', 'n', 't', 'e', 'n', 't', '-', 'l', 'e', 'n', 'g', 't', 'h'};

    private final boolean allowObsFold;
    private int state = LEADING;
    /** Bytes seen of the request line's current token (only the first five matter), and how they matched. */
    private int tokenLength;
    private boolean tokenIsVersionName;
    private boolean tokenIsVersionNameIgnoringCase;
    /** Bytes seen of the current field name, and whether they still spell {@code content-length}. */
    private int nameLength;
    private boolean nameIsContentLength;
    private boolean inContentLength;
    private int contentLengths;
    private RequestHeadViolation violation;

    RequestHeadScanner(boolean allowObsFold) {
        this.allowObsFold = allowObsFold;
    }

    /**
     * Scans {@code buf[from, to)}: returns the index just past the head's final LF, {@link #NEED_MORE} or
     * {@link #VIOLATION}.
     */
    int scan(ByteBuf buf, int from, int to) {
        if (state == ENDED) {
            state = LEADING;
        }
        if (violation != null) {
            return VIOLATION;
        }
        int at;
        if (buf.hasArray()) {
            int offset = buf.arrayOffset();
            at = scan(buf.array(), offset + from, offset + to);
            return at < 0 ? at : at - offset;
        }
        at = buf.forEachByte(from, to - from, this);
        return at < 0 ? NEED_MORE : result(at + 1);
    }

    /** As {@link #scan(ByteBuf, int, int)}, over {@code bytes[from, to)}. */
    int scan(byte[] bytes, int from, int to) {
        if (state == ENDED) {
            state = LEADING;
        }
        if (violation != null) {
            return VIOLATION;
        }
        for (int i = from; i < to; i++) {
            if (!process(bytes[i])) {
                return result(i + 1);
            }
        }
        return NEED_MORE;
    }

    /** Why the head was refused, once {@link #scan} returned {@link #VIOLATION}; else null. */
    RequestHeadViolation violation() {
        return violation;
    }

    private int result(int next) {
        return violation != null ? VIOLATION : next;
    }

    /** One byte; false when the head ended or was refused at it. */
    @Override
    public boolean process(byte b) {
        switch (state) {
            case LEADING -> {
                if (b == ' ' || b == '\t') {
                    return refuse("whitespace before the request line");
                }
                if (b != '\r' && b != '\n') {
                    state = REQUEST_LINE;
                    startToken();
                    tokenByte(b);
                }
            }
            case REQUEST_LINE -> {
                if (b == '\n') {
                    // Only the name's case is ours to check: Netty validates the rest and upper-cases "http/".
                    if (tokenLength >= VERSION_NAME.length && tokenIsVersionNameIgnoringCase && !tokenIsVersionName) {
                        return refuse("HTTP-version name is case-sensitive");
                    }
                    state = LINE_START;
                    contentLengths = 0;
                } else if (b == ' ' || b == '\t') {
                    startToken();
                } else if (b != '\r') {
                    tokenByte(b);
                }
            }
            case LINE_START -> {
                if (b == '\r') {
                    state = EMPTY_CR;
                } else if (b == '\n') {
                    state = ENDED;
                    return false;
                } else if ((b == ' ' || b == '\t') && !allowObsFold) {
                    return refuse("obsolete line folding (obs-fold) in the header block");
                } else {
                    state = IN_NAME;
                    nameLength = 0;
                    nameIsContentLength = true;
                    nameByte(b);
                }
            }
            case IN_NAME -> {
                if (b == ':') {
                    inContentLength = nameIsContentLength && nameLength == CONTENT_LENGTH.length;
                    if (inContentLength && ++contentLengths > 1) {
                        return refuse("more than one Content-Length");
                    }
                    state = IN_FIELD;
                } else if (b == '\n') {
                    state = LINE_START; // no colon: the codec refuses it
                } else {
                    nameByte(b);
                }
            }
            case IN_FIELD -> {
                if (b == '\n') {
                    state = LINE_START;
                    inContentLength = false;
                } else if (b == ',' && inContentLength) {
                    return refuse("list-form Content-Length");
                }
            }
            case EMPTY_CR -> {
                if (b == '\n') {
                    state = ENDED;
                    return false;
                }
                state = IN_FIELD; // bare CR: the codec refuses it
            }
            default -> throw new IllegalStateException("scanned past the end of the head or a violation");
        }
        return true;
    }

    private void startToken() {
        tokenLength = 0;
        tokenIsVersionName = true;
        tokenIsVersionNameIgnoringCase = true;
    }

    private void tokenByte(byte b) {
        if (tokenLength < VERSION_NAME.length) {
            byte expected = VERSION_NAME[tokenLength];
            tokenIsVersionName &= b == expected;
            tokenIsVersionNameIgnoringCase &= b == expected || b == lowerCase(expected);
            tokenLength++;
        }
    }

    private void nameByte(byte b) {
        if (nameLength < CONTENT_LENGTH.length) {
            byte expected = CONTENT_LENGTH[nameLength];
            nameIsContentLength &= b == expected || b == upperCase(expected);
        } else {
            nameIsContentLength = false;
        }
        if (nameLength <= CONTENT_LENGTH.length) {
            nameLength++;
        }
    }

    private static byte lowerCase(byte ascii) {
        return ascii >= 'A' && ascii <= 'Z' ? (byte) (ascii + ('a' - 'A')) : ascii;
    }

    private static byte upperCase(byte ascii) {
        return ascii >= 'a' && ascii <= 'z' ? (byte) (ascii - ('a' - 'A')) : ascii;
    }

    private boolean refuse(String reason) {
        violation = new RequestHeadViolation(400, reason);
        return false;
    }
}
