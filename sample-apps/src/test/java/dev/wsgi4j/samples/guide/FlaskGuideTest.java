package dev.wsgi4j.samples.guide;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/flask.md shows only code that compiles and runs: each of its ```java blocks is an excerpt, verbatim up to
 * indentation, of the source file its snippet comment names (GuestbookApp and its tests, built and run here).
 */
class FlaskGuideTest {

    /** The repository root: tests run in the module's directory. */
    private static final Path ROOT = Path.of("..");
    private static final Path GUIDE = ROOT.resolve("docs/flask.md");

    @Test
    void everyJavaBlockOfTheGuideIsAnExcerptOfTheFileItNames() throws Exception {
        List<GuideSnippets.Snippet> blocks = GuideSnippets.javaBlocks(Files.readString(GUIDE));

        assertThat(blocks).as("java blocks in %s", GUIDE).hasSizeGreaterThanOrEqualTo(10);
        for (GuideSnippets.Snippet block : blocks) {
            assertThat(block.source()).as("the snippet comment above the block at line %d", block.line()).isNotNull();
            Path source = ROOT.resolve(block.source());
            assertThat(source).as("the file named above line %d", block.line()).isRegularFile();
            assertThat(GuideSnippets.isExcerpt(block.lines(), Files.readString(source)))
                    .as("the block at line %d of %s appears verbatim in %s", block.line(), GUIDE, block.source())
                    .isTrue();
        }
    }

    @Test
    void everyFileTheGuideQuotesIsPartOfTheGuestbook() throws Exception {
        assertThat(GuideSnippets.javaBlocks(Files.readString(GUIDE))).extracting(GuideSnippets.Snippet::source)
                .allMatch(s -> s.startsWith("sample-apps/src/main/java/dev/wsgi4j/samples/guide/")
                        || s.startsWith("sample-apps/src/test/java/dev/wsgi4j/samples/guide/"));
    }

    @Test
    void aBlockIsFoundUpToIndentationButNotWhenALineDiffersOrTheLinesAreApart() {
        String source = "class A {\n    void f() {\n        int x = 1;\n        int y = 2;\n    }\n}\n";

        assertThat(GuideSnippets.isExcerpt(List.of("int x = 1;", "int y = 2;"), source)).isTrue();
        assertThat(GuideSnippets.isExcerpt(List.of("void f() {", "    int x = 1;"), source)).isTrue();
        assertThat(GuideSnippets.isExcerpt(List.of("int x = 1;", "int y = 3;"), source)).isFalse();
        assertThat(GuideSnippets.isExcerpt(List.of("void f() {", "int y = 2;"), source)).isFalse();
        assertThat(GuideSnippets.isExcerpt(List.of(), source)).isFalse();
    }

    @Test
    void aBlockIsNamedOnlyByTheCommentDirectlyAboveIt() {
        String markdown = """
                <!-- snippet: a/B.java -->

                ```java
                int x;
                ```
                <!-- snippet: a/C.java -->
                Some text.
                ```java
                int y;
                ```
                ```python
                z = 1
                ```
                """;

        List<GuideSnippets.Snippet> blocks = GuideSnippets.javaBlocks(markdown);

        assertThat(blocks).extracting(GuideSnippets.Snippet::source).containsExactly("a/B.java", null);
        assertThat(blocks).extracting(GuideSnippets.Snippet::lines).containsExactly(List.of("int x;"), List.of("int y;"));
        assertThat(blocks).extracting(GuideSnippets.Snippet::line).containsExactly(3, 8);
    }
}
