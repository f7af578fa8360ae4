package dev.wsgi4j;

import org.quicktheories.QuickTheory;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.ArrayList;
import java.util.List;

import static org.quicktheories.generators.SourceDSL.lists;

/**
 * QuickTheories generators the property tests share, and the one way they start a theory.
 *
 * <p>A theory draws a fresh seed per run and prints nothing while it holds; when it fails, the assertion message
 * holds the smallest falsifying example and "Seed was N". Rerun it with {@code -DQT_SEED=N} (Maven passes the
 * property to the test JVM) to replay the same examples.
 */
public final class Generators {

    /** The bytes where header grammars are most often got wrong: NUL, the last C0 control, DEL, obs-text's ends, HTAB. */
    public static final String EDGE_CHARS = "\u0000\u001f\u007f\u0080\u00ff\t";

    private Generators() {
    }

    /** A theory that draws {@code examples} examples. */
    public static QuickTheory theory(int examples) {
        return QuickTheory.qt().withExamples(examples);
    }

    /** One of the characters of {@code alphabet}, each equally likely. */
    public static Gen<Character> charsOf(String alphabet) {
        List<Character> chars = new ArrayList<>();
        for (char c : alphabet.toCharArray()) {
            chars.add(c);
        }
        return Generate.pick(chars);
    }

    /** A character from {@code lo} to {@code hi} inclusive. */
    public static Gen<Character> charRange(char lo, char hi) {
        return Generate.characters(lo, hi);
    }

    /** A string of {@code min} to {@code max} characters drawn from {@code chars}, shown with escapes on failure. */
    public static Gen<String> strings(Gen<Character> chars, int min, int max) {
        return lists().of(chars).ofSizeBetween(min, max).map(cs -> {
            StringBuilder b = new StringBuilder(cs.size());
            cs.forEach(b::append);
            return b.toString();
        }).describedAs(Generators::visible);
    }

    /** A string of code points (each a Unicode scalar value) from {@code codePoints}, {@code 0..max} of them. */
    public static Gen<String> codePointStrings(Gen<Integer> codePoints, int max) {
        return lists().of(codePoints).ofSizeBetween(0, max).map(cps -> {
            StringBuilder b = new StringBuilder();
            cps.forEach(b::appendCodePoint);
            return b.toString();
        }).describedAs(Generators::visible);
    }

    /** {@code base} with one character from {@code inserted} put at a random position (start and end included). */
    public static Gen<String> withOneOf(Gen<String> base, Gen<Character> inserted) {
        return base.zip(inserted, Generate.range(0, 1_000), (s, c, at) -> {
            int i = at % (s.length() + 1);
            return s.substring(0, i) + c + s.substring(i);
        }).describedAs(Generators::visible);
    }

    /** Any byte. */
    public static Gen<Byte> anyByte() {
        return Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0);
    }

    /** Byte arrays of 0 to {@code max} bytes, any values, shown in hex on failure. */
    public static Gen<byte[]> byteArrays(int max) {
        return Generate.byteArrays(Generate.range(0, max), anyByte()).describedAs(Generators::hex);
    }

    /** A weighted choice between generators. */
    @SafeVarargs
    public static <T> Gen<T> weighted(Pair<Integer, Gen<T>> first, Pair<Integer, Gen<T>>... rest) {
        return Generate.frequency(first, rest);
    }

    public static <T> Pair<Integer, Gen<T>> weight(int weight, Gen<T> gen) {
        return Pair.of(weight, gen);
    }

    /** Java-escaped text, so control characters and non-ASCII are readable in a failure message. */
    public static String visible(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return b.append('"').toString();
    }

    public static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder("[");
        for (byte x : bytes) {
            b.append(String.format("%02x", x & 0xFF));
        }
        return b.append("]").toString();
    }
}
