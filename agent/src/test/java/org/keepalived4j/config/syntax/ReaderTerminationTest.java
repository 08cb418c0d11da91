package org.keepalived4j.config.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keepalived4j.config.Diagnostic;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.Severity;

/**
 * Guard: every input the reader can be given ends in bounded work with a located error, also the ones on
 * which keepalived 2.2.7 itself loops (self-referring parameters). The time limit only stops a hang from
 * blocking the build; it is not a performance assertion.
 */
class ReaderTerminationTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Diagnostics read(String text) {
        Diagnostics d = new Diagnostics();
        assertTimeoutPreemptively(HANG_GUARD,
                () -> ConfigReader.readString(text, dir.resolve("keepalived.conf"), new ReadOptions("main"), d));
        return d;
    }

    private static List<Diagnostic> errors(Diagnostics d) {
        return d.all().stream().filter(x -> x.severity() == Severity.ERROR).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // a multi-line parameter whose body ends with itself (keepalived 2.2.7 loops forever)
        "$I= \\\nvrrp_instance VI_1 { \\\n  interface lan0 \\\n  $I \\\n}\n$I\n",
        // its body ends with itself on the last line
        "$I= \\\nbogus x \\\n$I\n$I\n",
        // two multi-line parameters using each other
        "$A= \\\nbogusA \\\n$B\n$B= \\\nbogusB \\\n$A\n$A\n",
        // one-line self and mutual reference
        "$A=$A\n$A\n",
        "$A=x $B\n$B=y $A\n$A\n",
        "$A=${A}${A}\n$A\n",
    })
    void recursiveParametersEndWithALocatedError(String text) {
        Diagnostics d = read(text);
        assertThat(errors(d)).as("%s", d.all()).isNotEmpty()
                .allSatisfy(e -> assertThat(e.where().line()).isPositive());
    }

    @Test
    void nestedSequencesThatExpandBeyondTheLineBoundStopWithAnError() {
        Diagnostics d = read("~SEQ(A,1,1000) ~SEQ(B,1,1000) ~SEQ(C,1,1000) bogus $A $B $C\n");
        assertThat(errors(d)).anySatisfy(e -> {
            assertThat(e.message()).contains("more than " + LinePreprocessor.MAX_LINES + " lines");
            assertThat(e.where().line()).isEqualTo(1);
        });
    }

    @Test
    void aFileIncludingItselfTwiceIsBounded() throws IOException {
        // each level doubles: 2^64 reads without a bound on the total
        Path twice = dir.resolve("twice.conf");
        Files.writeString(twice, "include twice.conf\ninclude twice.conf\n");
        Diagnostics d = new Diagnostics();
        assertTimeoutPreemptively(HANG_GUARD, () -> ConfigReader.read(twice, new ReadOptions("main"), d));
        assertThat(errors(d)).isNotEmpty().allSatisfy(e -> assertThat(e.where().file().getFileName()).hasToString("twice.conf"));
    }

    @Test
    void aLegitimateChainOfMultiLineParametersStillExpands() {
        Diagnostics d = new Diagnostics();
        List<String> tree = ReaderTestSupport.render(ConfigReader.readString(
                "$C= \\\nbogusC \\\n\n$B= \\\nbogusB \\\n$C\n$A= \\\nbogusA \\\n$B\n$A\n",
                dir.resolve("keepalived.conf"), new ReadOptions("main"), d));
        assertThat(tree).containsExactly("bogusA", "bogusB", "bogusC");
        assertThat(d.all()).isEmpty();
    }
}
