package org.keepalived4j.config.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keepalived4j.config.Diagnostics;

/**
 * Runs Debian's keepalived 2.2.7 in config-test mode ({@code keepalived -t -f FILE -l -D -i main}) on
 * texts made only of unknown top-level keywords: keepalived echoes the first word and line of every
 * logical line it produced ("(Line N) Unknown keyword 'X'", first reading pass). Our reader must
 * produce the same keywords on the same lines, in the same order.
 */
@Tag("interop")
class KeepalivedInteropTest {
    private static final Path KEEPALIVED = Path.of("/usr/sbin/keepalived");
    private static final Pattern UNKNOWN = Pattern.compile("^\\(Line (\\d+)\\) Unknown keyword '(.*)'$");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
        "a#b x\nc!d x\n  #e\n\"g#h\" x\n'i#j' x\nk\"#l\" x\n",
        "\"a b\" x\n'c d' x\nx\"y z\"w q\n\"t\\tu\" x\n",
        "$A=aa\n$B=b${A}b\n$A = no\n$C =x\np$A q\np${B} q\np${A}x q\np$Ax q\np$UNDEF q\n  $IND=ind\nu${IND} q\n$E=\nv${E}v q\n",
        "@main a1 x\n@backup a2 x\n@^main a3 x\n@^backup a4 x\n@main\n  @main a5 x\n@mainx a6 x\n$IFM=@main\n$IFM a8 x\nr${_INSTANCE} x\n",
        "~SEQ(N,1,2) s${N} x\n~SEQ(N2,3) t$N2 x\n~SEQx(H,0x9,4,0x11) h${H} x\n~LST(L,a,b) l${L} x\n"
                + "~LST({P,Q},{1,2},{3,4}) m${P}${Q} x\n~LST(I,1,2) ~SEQ(J,1,2) n${I}${J} x\n~SEQ(K,3,1) k${K} x\n",
        "$M= \\\n  m1 x \\\n  m2 y\n$M\nafter x\n",
        "a${_HASH}b x\nc${_BANG}d x\nabc x \\\ndef y\n",
        "x\r\ny\t1\r\n",
    })
    void sameLogicalLinesAsKeepalived(String text) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(KEEPALIVED), "Debian's keepalived is not installed at " + KEEPALIVED);
        Path file = dir.resolve("probe.conf");
        Files.writeString(file, text);
        List<String> expected = keepalivedUnknownKeywords(file);

        Diagnostics diagnostics = new Diagnostics();
        List<String> ours = new ArrayList<>();
        for (ConfigNode n : ConfigReader.read(file, new ReadOptions("main"), diagnostics)) {
            ours.add(n.where().line() + " " + n.keyword());
        }
        assertThat(ours).isEqualTo(expected);
    }

    private List<String> keepalivedUnknownKeywords(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(KEEPALIVED.toString(), "-t", "-f", file.toString(), "-l", "-D", "-i", "main")
                .redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        List<String> found = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            Matcher m = UNKNOWN.matcher(line);
            if (m.matches()) {
                found.add(m.group(1) + " " + m.group(2));
            }
        }
        return found;
    }
}
