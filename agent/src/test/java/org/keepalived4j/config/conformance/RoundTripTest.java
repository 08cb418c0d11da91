package org.keepalived4j.config.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.HostEnvironment;
import org.keepalived4j.config.dump.ConfigWriter;
import org.keepalived4j.config.syntax.ReadOptions;

/**
 * parse -> ConfigWriter.write -> parse gives an equal model, for every Debian sample, every conf/
 * sample (for each node id) and every valid corpus file. The host is permissive so that the
 * result does not depend on this machine's interfaces.
 */
class RoundTripTest {
    record Case(Path file, String configId) {
        String name() {
            return ConformanceFiles.label(file) + " -i " + configId;
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        ConformanceFiles.debianSamples().forEach(f -> cases.add(new Case(f, "k4j-no-such-node")));
        for (Path f : ConformanceFiles.confSamples()) {
            for (String id : SamplesConformanceTest.CONF_IDS) {
                cases.add(new Case(f, id));
            }
        }
        ConformanceFiles.validCorpusFiles().forEach(f -> cases.add(new Case(f, ConformanceFiles.CORPUS_CONFIG_ID)));
        return cases;
    }

    /**
     * Inputs on which the round trip is known to fail by mistake: case name -> the defect and where. Reported as
     * skipped with the defect; once fixed, the test fails until the entry is removed.
     */
    static final java.util.Map<String, String> KNOWN_DEFECTS = java.util.Map.of();

    @TestFactory
    Stream<DynamicTest> writtenConfigurationReadsBackEqual() {
        List<Case> cases = cases();
        assertThat(cases).as("round-trip inputs").hasSizeGreaterThanOrEqualTo(30);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(Case c) {
        String defect = KNOWN_DEFECTS.get(c.name());
        if (defect == null) {
            roundTrip(c);
            return;
        }
        try {
            roundTrip(c);
        } catch (AssertionError stillBroken) {
            org.junit.jupiter.api.Assumptions.abort("known defect in keepalived4j, " + c.name() + ": " + defect);
        }
        org.assertj.core.api.Assertions.fail("%s is listed as a known defect (%s) but now round-trips: remove it", c.name(), defect);
    }

    private static void roundTrip(Case c) {
        ReadOptions options = new ReadOptions(c.configId());
        ConfigLoader.Result first = ConfigLoader.load(c.file(), options, HostEnvironment.permissive());
        String written = ConfigWriter.write(first.config());
        // Read the dump as if it were the original file, so any relative path resolves the same way.
        ConfigLoader.Result second = ConfigLoader.loadString(written, c.file(), options, HostEnvironment.permissive());
        assertThat(second.diagnostics()).as("%s: findings when reading the written configuration back:\n%s", c.name(), written)
                .noneMatch(d -> d.severity() == org.keepalived4j.config.Severity.ERROR);
        assertThat(second.config()).as("%s: model after write/read differs; written text:\n%s", c.name(), written)
                .isEqualTo(first.config());
        // The canonical form is a fixed point: writing the re-read model gives the same text.
        assertThat(ConfigWriter.write(second.config())).as("%s: canonical text is stable", c.name()).isEqualTo(written);
    }
}
