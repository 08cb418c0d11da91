package org.keepalived4j.config.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expectations from keepalived.conf(5) "Quoted strings" and alloc_strvec_quoted_escaped() in lib/parser.c. */
class QuotedWordsTest {
    @Test
    void manPageExamples() {
        // keepalived.conf(5): abcd" efg h jkl "mnop is the single string "abcd efg h jkl mnop"
        assertThat(QuotedWords.split("abcd\" efg h jkl \"mnop")).contains(List.of("abcd efg h jkl mnop"));
        // abcd "efg h jkl" mnop is three strings
        assertThat(QuotedWords.split("abcd \"efg h jkl\" mnop")).contains(List.of("abcd", "efg h jkl", "mnop"));
        assertThat(QuotedWords.split("/bin/echo 'a b' c")).contains(List.of("/bin/echo", "a b", "c"));
    }

    @Test
    void escapes() {
        assertThat(QuotedWords.split("\"t\\tu\" \\x41\\x4a \\101 \\cA \\E \\\" \\q"))
                .contains(List.of("t\tu", "AJ", "A", "\u0001", "\u001b", "\"", "q"));
        // inside single quotes a backslash still escapes (keepalived looks for the quote or a backslash)
        assertThat(QuotedWords.split("'a\\'b'")).contains(List.of("a'b"));
    }

    @Test
    void unclosedQuoteOrTrailingBackslashIsRejected() {
        assertThat(QuotedWords.split("a \"b")).isEmpty();
        assertThat(QuotedWords.split("a \\")).isEmpty();
    }
}
