package dev.wsgi4j.samples.guide;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java code blocks of a Markdown guide and the source file each one names, so a test can check that the guide
 * shows code that compiles and runs. A block is named by an HTML comment on the nearest non-blank line above it:
 * {@code <!-- snippet: sample-apps/src/main/java/.../GuestbookApp.java -->}.
 */
final class GuideSnippets {

    private static final Pattern MARKER = Pattern.compile("<!--\\s*snippet:\\s*(\\S+)\\s*-->");

    /** One ```java block: where it starts (1-based line of the fence), the file it names or null, its lines. */
    record Snippet(int line, String source, List<String> lines) {
    }

    private GuideSnippets() {
    }

    /** Every ```java block of {@code markdown}, in order. */
    static List<Snippet> javaBlocks(String markdown) {
        List<String> lines = markdown.lines().toList();
        List<Snippet> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```java")) {
                continue;
            }
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            if (end == lines.size()) {
                throw new IllegalArgumentException("the ```java block at line " + (i + 1) + " is never closed");
            }
            found.add(new Snippet(i + 1, markerAbove(lines, i), lines.subList(i + 1, end)));
            i = end;
        }
        return found;
    }

    /**
     * True when {@code block} is a run of consecutive lines of {@code source}, each compared without its leading
     * whitespace (a guide un-indents what it quotes) or trailing whitespace; an empty block is never an excerpt.
     */
    static boolean isExcerpt(List<String> block, String source) {
        List<String> wanted = block.stream().map(String::strip).toList();
        List<String> have = source.lines().map(String::strip).toList();
        if (wanted.isEmpty()) {
            return false;
        }
        for (int start = 0; start + wanted.size() <= have.size(); start++) {
            if (have.subList(start, start + wanted.size()).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static String markerAbove(List<String> lines, int fence) {
        for (int i = fence - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            if (!line.isEmpty()) {
                Matcher m = MARKER.matcher(line);
                return m.matches() ? m.group(1) : null;
            }
        }
        return null;
    }
}
