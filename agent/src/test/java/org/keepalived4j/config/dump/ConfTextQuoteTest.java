package org.keepalived4j.config.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.syntax.ConfigNode;
import org.keepalived4j.config.syntax.ConfigReader;
import org.keepalived4j.config.syntax.ReadOptions;

/** Every word ConfText writes reads back as the same word with the reader (keepalived 2.2.7's rules). */
class ConfTextQuoteTest {
    /** Reads "keyword WORD other" and returns the words after the keyword, asserting no findings. */
    private static List<String> readBack(String line) {
        Diagnostics d = new Diagnostics();
        List<ConfigNode> nodes = ConfigReader.readString(line + "\n", Path.of("t.conf"), new ReadOptions("main"), d);
        assertThat(d.all()).as("findings reading %s", line).isEmpty();
        assertThat(nodes).as("statements of %s", line).hasSize(1);
        return nodes.get(0).args();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "/bin/echo back\\slash master", "a\\b", "trailing\\", "two\\\\", "x y\\\\",
        "", "with space", "tab\there", "brace{s}", "hash#and!bang", "$undefined ${ALSO}", "'single quotes'", "~SEQ(a,1,2)",
        "@main x", "\\#escaped-hash", "\\", "\\x41\\n", "100$", "$_PWDX"})
    void representableWordsRoundTrip(String word) {
        assertThat(ConfText.unrepresentable(word)).isNull();
        assertThat(readBack("kw " + ConfText.quote(word) + " " + ConfText.quote("next word"))).containsExactly(word, "next word");
    }

    @ParameterizedTest
    @ValueSource(strings = {"say \"hi\"", "two\nlines", "ends with blank and backslash \\", "cwd $_PWD", "${_INSTANCE}", "$_HASH"})
    void unrepresentableWordsAreRefusedWithTheReason(String word) {
        String why = ConfText.unrepresentable(word);
        assertThat(why).isNotNull();
        assertThatThrownBy(() -> ConfText.quote(word)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(why);
    }

    @Test
    void namesInKeywordPositionRoundTripToo() {
        // a sync group member or a tracked name is written as the first word of its line
        for (String name : List.of("my instance", "@main", "~SEQ(a,1,2)", "$X=1", "a#b", "include")) {
            String text = new ConfText().open("group").line(name).line(name, "weight", "2").close().toString();
            Diagnostics d = new Diagnostics();
            List<ConfigNode> nodes = ConfigReader.readString(text, Path.of("t.conf"), new ReadOptions("main"), d);
            assertThat(d.all()).as(text).isEmpty();
            assertThat(nodes).singleElement().satisfies(group -> {
                assertThat(group.children()).extracting(ConfigNode::keyword).as(text).containsExactly(name, name);
                assertThat(group.children().get(1).args()).containsExactly("weight", "2");
            });
        }
    }

    @Test
    void linesUpToKeepalivedsLengthReadBackLongerOnesAreRefused() {
        String longest = "x".repeat(ConfText.MAX_LINE - "kw ".length());
        assertThat(readBack(new ConfText().line("kw", longest).toString().strip())).containsExactly(longest);
        assertThatThrownBy(() -> new ConfText().line("kw", longest + "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most " + ConfText.MAX_LINE);
    }

    @Test
    void randomWordsEitherRoundTripOrAreRefused() {
        String alphabet = "ab \t\\\"'#!{}$@~_PWD,)\n";
        Random random = new Random(42);
        int written = 0;
        for (int i = 0; i < 5000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int n = random.nextInt(8); n > 0; n--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String word = sb.toString();
            if (ConfText.unrepresentable(word) == null) {
                written++;
                assertThat(readBack("kw " + ConfText.quote(word) + " end")).as("word [%s]", word).containsExactly(word, "end");
            }
        }
        assertThat(written).as("representable random words").isGreaterThan(1000);
    }
}
