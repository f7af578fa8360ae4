package dev.wsgi4j.netty.uwsgi;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A uwsgi packet's vars block, parsed: {@code [u16 LE key length][key][u16 LE value length][value]…}, bytes read as
 * ISO-8859-1 (one char per byte, PEP 3333). Kept in arrival order, repeats included: the {@code HTTP_*} ones become
 * header lines, where a repeat means what a repeated header means.
 */
final class UwsgiVars {

    /** gunicorn's limit; nginx sends about twenty plus one per request header. */
    static final int MAX_VARS = 1000;

    private final List<Map.Entry<String, String>> entries;

    private UwsgiVars(List<Map.Entry<String, String>> entries) {
        this.entries = entries;
    }

    /**
     * Reads every var of {@code block}, which holds exactly the vars block.
     *
     * @throws UwsgiFormatException for a truncated var, an empty key or more than {@link #MAX_VARS}
     */
    static UwsgiVars parse(ByteBuf block) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        while (block.isReadable()) {
            if (entries.size() == MAX_VARS) {
                throw new UwsgiFormatException("more than " + MAX_VARS + " vars");
            }
            String key = string(block, "key");
            if (key.isEmpty()) {
                throw new UwsgiFormatException("an empty var name");
            }
            entries.add(Map.entry(key, string(block, "value of " + key)));
        }
        return new UwsgiVars(Collections.unmodifiableList(entries));
    }

    private static String string(ByteBuf block, String what) {
        if (block.readableBytes() < 2) {
            throw new UwsgiFormatException("vars block ends inside the length of a " + what);
        }
        int length = block.readUnsignedShortLE();
        if (block.readableBytes() < length) {
            throw new UwsgiFormatException("vars block ends inside a " + what);
        }
        String s = block.toString(block.readerIndex(), length, StandardCharsets.ISO_8859_1);
        block.skipBytes(length);
        return s;
    }

    /** Every var in arrival order. */
    List<Map.Entry<String, String>> entries() {
        return entries;
    }

    /** The last value given for {@code key} (a later {@code uwsgi_param} overrides an earlier one), or null. */
    String get(String key) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).getKey().equals(key)) {
                return entries.get(i).getValue();
            }
        }
        return null;
    }
}
