package org.keepalived4j.config.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.keepalived4j.config.Diagnostic;
import org.keepalived4j.config.HostEnvironment;

/**
 * Debian's upstream samples (/usr/share/doc/keepalived/samples) and our conf/ samples:
 * <ol>
 *   <li>they read with no syntax error (brace or quoting problem) from us, unless keepalived reports one too;
 *   <li>in a k4j- namespace that has every interface they name, keepalived and we agree whether each
 *       is valid, and our conf/ samples are clean for both (for -i node1, node2 and an id matching no line);
 *   <li>machine-dependent findings: in a namespace WITHOUT those interfaces both keepalived and we report
 *       the missing interfaces, and with them present those findings are gone.
 * </ol>
 */
@Tag("interop")
class SamplesConformanceTest {
    /** Every interface the samples name (eth0.1 is a plain interface with that name, the kernel has no VLAN driver here). */
    static final List<String> SAMPLE_INTERFACES = List.of("eth0", "eth1", "eth2", "eth3", "eth0.1");
    static final List<String> CONF_IDS = List.of("node1", "node2", "k4j-no-such-node");
    private static final Duration PER_FILE = Duration.ofSeconds(10);
    /** Our wording for brace/quote problems. */
    private static final Pattern OUR_SYNTAX = Pattern.compile(
            "(?i)(unterminated quote|unmatched quote|unexpected '\\{'|extra '}'|closes no block|not closed|missing '}')");
    /** keepalived's wording for brace/quote problems. */
    private static final Pattern THEIR_SYNTAX = Pattern.compile("Extra '}'|missing '}'|Unterminated quote|Unmatched quote|Unexpected '\\{'");

    /**
     * Cases where keepalived4j is known to disagree with keepalived by mistake: case name -> the defect and where.
     * Reported as skipped with the defect; once fixed, the test fails until the entry is removed.
     */
    static final java.util.Map<String, String> KNOWN_DEFECTS = knownDefects();

    private static java.util.Map<String, String> knownDefects() {
        return java.util.Map.of();
    }
    private static final Pattern THEIR_MISSING_IF = Pattern.compile("doesn't exist|Non-existent interface");

    private static KeepalivedNamespace withInterfaces;
    private static KeepalivedNamespace bare;
    private static HostEnvironment withInterfacesHost;
    private static HostEnvironment bareHost;

    record Case(Path file, String configId, boolean ours) {
        String name() {
            return ConformanceFiles.label(file) + (configId == null ? "" : " -i " + configId);
        }
    }

    @BeforeAll
    static void namespaces() throws IOException {
        String why = KeepalivedNamespace.unavailableReason();
        Assumptions.assumeTrue(why == null, () -> "skipped: " + why);
        withInterfaces = KeepalivedNamespace.create("samples", SAMPLE_INTERFACES);
        bare = KeepalivedNamespace.create("samples-bare", List.of());
        withInterfacesHost = withInterfaces.hostEnvironment();
        bareHost = bare.hostEnvironment();
    }

    @AfterAll
    static void deleteNamespaces() throws IOException {
        if (withInterfaces != null) {
            withInterfaces.close();
        }
        if (bare != null) {
            bare.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> debianSamples() {
        List<Path> samples = ConformanceFiles.debianSamples();
        Assumptions.assumeFalse(samples.isEmpty(),
                "skipped: no samples in " + ConformanceFiles.DEBIAN_SAMPLES + " (install Debian's keepalived package with its docs)");
        return samples.stream().map(f -> new Case(f, "k4j-no-such-node", false))
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    @TestFactory
    Stream<DynamicTest> confSamples() {
        List<Path> samples = ConformanceFiles.confSamples();
        assertThat(samples).as("conf/ samples").hasSizeGreaterThanOrEqualTo(4);
        List<Case> cases = new ArrayList<>();
        for (Path f : samples) {
            for (String id : CONF_IDS) {
                cases.add(new Case(f, id, true));
            }
        }
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(Case c) throws IOException {
        String defect = KNOWN_DEFECTS.get(c.name());
        if (defect == null) {
            checkStrictly(c);
            return;
        }
        try {
            checkStrictly(c);
        } catch (AssertionError stillBroken) {
            Assumptions.abort("known defect in keepalived4j, " + c.name() + ": " + defect + "\n" + stillBroken.getMessage());
        }
        fail("%s is listed as a known defect (%s) but now passes: remove it from KNOWN_DEFECTS", c.name(), defect);
    }

    private static void checkStrictly(Case c) throws IOException {
        KeepalivedVerdict theirs = withInterfaces.configTest(c.file(), c.configId(), PER_FILE);
        LoaderRun ours = load(c, withInterfacesHost);
        String both = "\n" + theirs.describe() + "\n" + ours.describe();

        // 1. no syntax error from us unless keepalived sees one as well
        if (!THEIR_SYNTAX.matcher(theirs.output()).find()) {
            assertThat(ours.errors()).as("%s: syntax errors%s", c.name(), both)
                    .noneMatch(d -> OUR_SYNTAX.matcher(d.message()).find());
        }
        // 2. agreement where the interfaces exist
        assertThat(theirs.timedOut()).as("keepalived -t timed out on %s", c.name()).isFalse();
        if (c.ours()) {
            assertThat(theirs.invalid()).as("%s: keepalived rejects our own sample%s", c.name(), both).isFalse();
            assertThat(ours.result().diagnostics()).as("%s: our own sample must be clean%s", c.name(), both).isEmpty();
        }
        if (theirs.exitCode() != ours.impliedExitCode()) {
            fail("%s: keepalived -t exits %d (%s), our findings imply %d (%s)%s", c.name(), theirs.exitCode(),
                    theirs.invalid() ? "INVALID" : "valid", ours.impliedExitCode(), ours.hasErrors() ? "INVALID" : "valid", both);
        }
        // 3. machine-dependent findings: present without the interfaces, gone with them
        Set<String> named = interfacesNamedIn(c.file());
        if (named.isEmpty()) {
            return;
        }
        KeepalivedVerdict theirsBare = bare.configTest(c.file(), c.configId(), PER_FILE);
        LoaderRun oursBare = load(c, bareHost);
        String bareBoth = "\n(without interfaces) " + theirsBare.describe() + "\n" + oursBare.describe();
        assertThat(theirsBare.invalid()).as("%s names %s: keepalived should reject it without them%s", c.name(), named, bareBoth).isTrue();
        assertThat(theirsBare.output()).as("keepalived, no interfaces").containsPattern(THEIR_MISSING_IF);
        assertThat(oursBare.hasErrors()).as("%s names %s: we should reject it without them%s", c.name(), named, bareBoth).isTrue();
        List<String> withIfs = ours.result().diagnostics().stream().map(Diagnostic::toString).toList();
        List<Diagnostic> machineOnly = oursBare.result().diagnostics().stream().filter(d -> !withIfs.contains(d.toString())).toList();
        assertThat(machineOnly).as("%s: our findings that appear only without the interfaces%s", c.name(), bareBoth).isNotEmpty()
                .allMatch(d -> named.stream().anyMatch(i -> d.message().contains(i)), "name one of the missing interfaces " + named);
        assertThat(theirs.output()).as("keepalived, interfaces present: no missing-interface finding remains")
                .doesNotContainPattern(THEIR_MISSING_IF);
    }

    private static LoaderRun load(Case c, HostEnvironment host) {
        try {
            return LoaderRun.load(c.file(), c.configId(), host);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("ConfigLoader threw on " + c.name(), e);
        }
    }

    /** The sample interfaces that appear as words in the file's non-comment text. */
    private static Set<String> interfacesNamedIn(Path file) {
        String text = ConformanceFiles.read(file).lines().map(l -> l.replaceAll("[#!].*", "")).collect(Collectors.joining("\n"));
        return SAMPLE_INTERFACES.stream()
                .filter(i -> Pattern.compile("(?<![\\w.])" + Pattern.quote(i) + "(?![\\w.])").matcher(text).find())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }
}
