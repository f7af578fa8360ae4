package dev.wsgi4j.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTest {

    @Test
    void escapesTheFiveCharactersThatCanBreakOutOfTextOrAttributes() {
        assertThat(Html.escape("<a href=\"x\" title='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#x27;y&#x27;&gt;&amp;&lt;/a&gt;");
    }

    @Test
    void leavesOtherTextIncludingNonAsciiUnchanged() {
        assertThat(Html.escape("plain café ✓")).isEqualTo("plain café ✓");
        assertThat(Html.escape("")).isEmpty();
    }

    @Test
    void escapesAmpersandsOnlyOnceSoEntitiesInInputAreShownLiterally() {
        assertThat(Html.escape("&amp;")).isEqualTo("&amp;amp;");
    }
}
