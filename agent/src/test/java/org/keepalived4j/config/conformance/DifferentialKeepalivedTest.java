package org.keepalived4j.config.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.keepalived4j.config.HostEnvironment;

/**
 * Differential test: for every file of the corpus (agent/src/test/resources/corpus/*.conf) Debian's
 * keepalived 2.2.7 ({@code keepalived -t}, run in a k4j- namespace that has the corpus interfaces)
 * and our ConfigLoader (with a HostEnvironment that knows exactly that namespace's interfaces) must
 * agree whether the file is valid. keepalived's verdict is computed here, never written down.
 *
 * <p>Beyond valid/invalid, where keepalived's answer carries more meaning we compare that too:
 * <ul>
 *   <li>the exit code: our findings' severities imply one (SCRIPT_SECURITY 6 over ERROR 5 over FATAL 4, else 0,
 *       keepalived's measured precedence) and it must equal keepalived's;
 *   <li>exit 6 (scripts without enable_script_security): one of our findings is about script security;
 *   <li>exit 0 with printed findings (a missing include): we report at least a warning;
 *   <li>errors located at lines of the file: at least one of our findings points at one of those lines.
 * </ul>
 */
@Tag("interop")
class DifferentialKeepalivedTest {
    /** Interfaces the corpus names; created in the namespace (lan9 and lan7 deliberately are not). */
    static final List<String> CORPUS_INTERFACES = List.of("lan0", "lan1");
    /** keepalived -t takes ~15 ms per corpus file; only the files it loops on reach this. */
    private static final Duration PER_FILE = Duration.ofSeconds(5);
    private static final Pattern SCRIPT_SECURITY = Pattern.compile("(?i)secur");

    /**
     * Files keepalived 2.2.7 accepts (exit 0) and we reject on purpose: file name -> why. The test
     * fails when a listed file is not in fact rejected by us, or when keepalived rejects it too.
     */
    static final Map<String, String> STRICTER_ON_PURPOSE = Map.of(
            "broken-lvs-vs-group-missing.conf",
            "keepalived 2.2.7 silently accepts a virtual_server naming an undefined virtual_server_group (it then serves"
                    + " nothing); LvsBinder reports it",
            "edge-extra-arguments.conf",
            "keepalived 2.2.7 silently ignores arguments after a single-value keyword (router_id a b, priority 100 200);"
                    + " BindContext.arity reports them");

    /**
     * Files for which keepalived points at lines where no finding of ours is, on purpose: file -> why.
     */
    static final Map<String, String> LINE_DIFFERS_ON_PURPOSE = Map.of(
            "broken-lvs-http-url-no-path.conf",
            "keepalived reports an incomplete block at its closing '}' (lines 12, 13); we report it at the line that"
                    + " opens the block (url {, HTTP_GET {), where the reader looks first");

    /**
     * Files on which keepalived 2.2.7 -t never finishes (measured: it loops, constant memory): file -> why.
     * We must reject them with a finding. A listed file on which keepalived finishes fails the test.
     */
    static final Map<String, String> KEEPALIVED_HANGS = Map.of(
            "broken-param-self-reference.conf", "keepalived expands $VRID=$VRID forever",
            "broken-param-self-reference-multiline.conf", "keepalived expands a multi-line parameter that uses itself forever");

    /**
     * Files where keepalived4j is known to disagree with keepalived by mistake: file -> the defect and where it is.
     * They are reported as skipped with the defect; once fixed, the test fails until the entry is removed.
     */
    static final Map<String, String> KNOWN_DEFECTS = Map.of();

    private static KeepalivedNamespace ns;
    private static HostEnvironment host;
    private static final Map<Path, KeepalivedVerdict> VERDICTS = new LinkedHashMap<>();

    @BeforeAll
    static void runKeepalivedOnTheCorpus() throws IOException {
        String why = KeepalivedNamespace.unavailableReason();
        Assumptions.assumeTrue(why == null, () -> "skipped: " + why);
        ns = KeepalivedNamespace.create("corpus", CORPUS_INTERFACES);
        host = ns.hostEnvironment();
        for (Path file : ConformanceFiles.corpusFiles()) {
            VERDICTS.put(file, ns.configTest(file, ConformanceFiles.CORPUS_CONFIG_ID, PER_FILE));
        }
    }

    @AfterAll
    static void deleteNamespace() throws IOException {
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void corpusCoversBothVerdictsBroadly() {
        long invalid = VERDICTS.values().stream().filter(KeepalivedVerdict::invalid).count();
        long valid = VERDICTS.size() - invalid;
        assertThat(VERDICTS).as("corpus size").hasSizeGreaterThanOrEqualTo(45);
        assertThat(invalid).as("files keepalived rejects").isGreaterThanOrEqualTo(20);
        assertThat(valid).as("files keepalived accepts").isGreaterThanOrEqualTo(20);
    }

    @Test
    void everyListedExceptionNamesACorpusFile() {
        Set<String> names = VERDICTS.keySet().stream().map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        assertThat(names).containsAll(STRICTER_ON_PURPOSE.keySet()).containsAll(LINE_DIFFERS_ON_PURPOSE.keySet())
                .containsAll(KEEPALIVED_HANGS.keySet()).containsAll(KNOWN_DEFECTS.keySet());
    }

    /**
     * Stricter on purpose: keepalived 2.2.7 -t accepts a main file that does not exist (exit 0, it only prints
     * "Config files missing"; exit 4 with -e). A missing configuration is never what the operator meant, so we
     * report an error.
     */
    @Test
    void missingMainFileIsAnErrorForUsOnPurpose() throws IOException {
        Path missing = ConformanceFiles.corpusDir().resolve("inc/k4j-no-such-file.conf");
        KeepalivedVerdict theirs = ns.configTest(missing, ConformanceFiles.CORPUS_CONFIG_ID, PER_FILE);
        assertThat(theirs.exitCode()).as("keepalived -t on a missing file; if this changed, revisit%n%s", theirs.describe()).isZero();
        assertThat(theirs.output()).contains("Config files missing");
        LoaderRun ours = LoaderRun.load(missing, ConformanceFiles.CORPUS_CONFIG_ID, host);
        assertThat(ours.hasErrors()).as("%s", ours.describe()).isTrue();
    }

    @TestFactory
    Stream<DynamicTest> keepalivedAndWeAgree() {
        return VERDICTS.entrySet().stream()
                .map(e -> DynamicTest.dynamicTest(e.getKey().getFileName().toString(), () -> compare(e.getKey(), e.getValue())));
    }

    private static void compare(Path file, KeepalivedVerdict theirs) {
        String name = file.getFileName().toString();
        String hang = KEEPALIVED_HANGS.get(name);
        if (theirs.timedOut()) {
            assertThat(hang).as("keepalived -t did not finish on %s within %s s and the file is not listed as a keepalived hang",
                    name, PER_FILE.toSeconds()).isNotNull();
        } else {
            assertThat(hang).as("%s is listed as a keepalived hang (%s) but keepalived finished: remove it from the list%n%s",
                    name, hang, theirs.describe()).isNull();
        }
        String defect = KNOWN_DEFECTS.get(name);
        if (defect == null) {
            compareStrictly(file, theirs);
            return;
        }
        try {
            compareStrictly(file, theirs);
        } catch (AssertionError stillBroken) {
            Assumptions.abort("known defect in keepalived4j, " + name + ": " + defect + "\n" + stillBroken.getMessage());
        }
        fail("%s is listed as a known defect (%s) but now agrees with keepalived: remove it from KNOWN_DEFECTS", name, defect);
    }

    private static void compareStrictly(Path file, KeepalivedVerdict theirs) {
        String name = file.getFileName().toString();
        LoaderRun ours = LoaderRun.load(file, ConformanceFiles.CORPUS_CONFIG_ID, host);
        String both = "\n" + theirs.describe() + "\n" + ours.describe();

        String stricter = STRICTER_ON_PURPOSE.get(name);
        if (stricter != null) {
            assertThat(theirs.invalid()).as("%s is listed as stricter on purpose (%s) but keepalived rejects it too: remove it from the list%s",
                    name, stricter, both).isFalse();
            assertThat(ours.hasErrors()).as("%s is listed as stricter on purpose (%s) but we accept it%s", name, stricter, both).isTrue();
            return;
        }
        if (theirs.timedOut() || theirs.crashed()) {
            // keepalived cannot finish checking it: we must at least reject it, with a finding.
            assertThat(ours.hasErrors()).as("%s: keepalived %s; we should report an error%s", name,
                    theirs.timedOut() ? "hangs" : "crashes", both).isTrue();
        } else if (theirs.exitCode() != ours.impliedExitCode()) {
            fail("%s: keepalived -t exits %d (%s), our findings imply %d (%s)%s", name, theirs.exitCode(),
                    theirs.invalid() ? "INVALID" : "valid", ours.impliedExitCode(), ours.hasErrors() ? "INVALID" : "valid", both);
        }
        if (theirs.scriptSecurity()) {
            assertThat(ours.errors()).as("%s: keepalived exits 6 (script security); a finding of ours should say so%s", name, both)
                    .anyMatch(d -> SCRIPT_SECURITY.matcher(d.message()).find());
        }
        if (theirs.acceptedWithFindings()) {
            assertThat(ours.warnings()).as("%s: keepalived accepts it but prints findings; we should warn%s", name, both).isNotEmpty();
        }
        Set<Integer> theirLines = theirs.linesNamedIn(file);
        if (theirs.invalid() && !theirLines.isEmpty() && !LINE_DIFFERS_ON_PURPOSE.containsKey(name)) {
            assertThat(ours.linesIn(file)).as("%s: keepalived reports lines %s; one of our findings should point at one of them%s",
                    name, theirLines, both).containsAnyElementsOf(theirLines);
        }
    }
}
