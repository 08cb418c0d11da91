package org.keepalived4j.config.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The reader's building blocks on their own; expectations from keepalived's C code (lib/parser.c) and man pages. */
class ReaderPartsTest {
    @Test
    void strtolReadsNumbersLikeC() {
        // C strtol(s, &end, 0): 0x hex, leading 0 octal, sign, no digits -> 0 with end unchanged
        long[] v = new long[1];
        assertThat(SequenceExpander.strtol("0x1f)", 0, v)).isEqualTo(4);
        assertThat(v[0]).isEqualTo(31);
        assertThat(SequenceExpander.strtol(" 010,", 0, v)).isEqualTo(4);
        assertThat(v[0]).isEqualTo(8);
        assertThat(SequenceExpander.strtol("-12)", 0, v)).isEqualTo(3);
        assertThat(v[0]).isEqualTo(-12);
        assertThat(SequenceExpander.strtol("x)", 0, v)).isZero();
        assertThat(v[0]).isZero();
    }

    @Test
    void seqWithOctalStartAndOneArgument() {
        ParameterTable params = new ParameterTable("id");
        SequenceExpander.Parsed p = SequenceExpander.parse("~SEQ(V, 010, 4, 16) x${V}", params);
        assertThat(p.expansion().iterations()).extracting(m -> m.get("V")).containsExactly("8", "12", "16");
        assertThat(p.expansion().text()).isEqualTo("x${V}");
        // one argument: start 1 (or -1 when end < 0), step towards end
        assertThat(SequenceExpander.parse("~SEQ(V,-3) y", params).expansion().iterations())
                .extracting(m -> m.get("V")).containsExactly("-1", "-2", "-3");
    }

    @Test
    void lstWithTooManyValuesInAGroup() {
        SequenceExpander.Parsed p = SequenceExpander.parse("~LST({A,B},{1,2,3}) z", new ParameterTable("id"));
        assertThat(p.error()).isEqualTo("~LST specification has too many values '~LST({A,B},{1,2,3}) z'");
    }

    @Test
    void braceExpansionIsCshStyleAndNested() {
        // keepalived.conf(5): "{foo/{,cat,dog},bar}"
        assertThat(IncludeGlob.braceExpand("{foo/{,cat,dog},bar}"))
                .containsExactly("foo/", "foo/cat", "foo/dog", "bar");
        assertThat(IncludeGlob.braceExpand("a{b,c}d{e,f}")).containsExactly("abde", "abdf", "acde", "acdf");
        assertThat(IncludeGlob.braceExpand("un{balanced")).containsExactly("un{balanced");
    }

    @Test
    void tokenizerKeepsEmptyQuotedWordsAndStopsAtAnUnmatchedQuote() {
        assertThat(Tokenizer.split("a \"\" b").words()).containsExactly("a", "", "b");
        Tokenizer.Words w = Tokenizer.split("a \"b c");
        assertThat(w.words()).containsExactly("a");
        assertThat(w.unmatchedQuote()).isTrue();
    }

    @Test
    void decommenterKeepsCommentCharactersInsideDoubleQuotesOnly() {
        assertThat(Decommenter.decomment("  a \"#b!\" 'c#d' ").text()).isEqualTo("a \"#b!\" 'c");
        assertThat(Decommenter.decomment("x \\\" # y").text()).isEqualTo("x \\\"");
        assertThat(Decommenter.decomment("v \\").text()).isEqualTo("v \\");
    }

    @Test
    void multilineParameterFirstLineAndRest() {
        ParameterTable t = new ParameterTable("id");
        t.define("M", "one\n", true);
        t.appendToMultiline("M", "two\n");
        t.appendToMultiline("M", "three");
        ParameterTable.Substitution s = t.substitute("$M");
        assertThat(s.text()).isEqualTo("one");
        assertThat(s.restLines()).containsExactly(List.of("two", "three"));
        // not at the end of the line: a multi-line parameter is not substituted
        assertThat(t.substitute("$M x").changed()).isFalse();
    }

    @Test
    void overlongSubstitutionIsAnError() {
        ParameterTable t = new ParameterTable("id");
        t.define("L", "x".repeat(600), false);
        ParameterTable.Substitution s = t.substitute("${L}${L}");
        assertThat(s.error()).contains("would exceed maximum line length");
    }
}
