package org.keepalived4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.keepalived4j.config.dump.ConfigWriter;
import org.keepalived4j.config.syntax.ReadOptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Debian's sample configurations that define virtual servers bind without LVS errors and round-trip. */
class LvsSamplesTest {
    private static final Path SAMPLES = Path.of("/usr/share/doc/keepalived/samples");
    /** Lines keepalived 2.2.7 -t itself reports (exit 5): "protocol specified for fwmark - protocol will be ignored". */
    private static final java.util.Map<String, java.util.Set<Integer>> SAMPLE_DEFECTS = java.util.Map.of(
            "keepalived.conf.fwmark", java.util.Set.of(12));

    @TestFactory
    Stream<DynamicTest> samplesWithVirtualServersBindWithoutErrors() throws IOException {
        assumeTrue(Files.isDirectory(SAMPLES), "keepalived samples not installed");
        List<Path> files;
        try (Stream<Path> list = Files.list(SAMPLES)) {
            files = list.filter(p -> p.getFileName().toString().startsWith("keepalived.conf"))
                    .filter(LvsSamplesTest::hasVirtualServer).sorted().toList();
        }
        assumeTrue(!files.isEmpty(), "no sample with virtual_server");
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            ConfigLoader.Result result = ConfigLoader.load(file, new ReadOptions("host"), HostEnvironment.permissive());
            java.util.Set<Integer> knownBad = SAMPLE_DEFECTS.getOrDefault(file.getFileName().toString(), java.util.Set.of());
            assertThat(result.diagnostics()).filteredOn(d -> d.severity() == Severity.ERROR)
                    .extracting(d -> d.where().line()).as("keepalived's own findings in %s", file).containsAll(knownBad);
            List<Diagnostic> lvsErrors = result.diagnostics().stream()
                    .filter(d -> d.severity() == Severity.ERROR)
                    .filter(d -> LvsTestSupport.isLvsLine(file, d.where().line()))
                    .filter(d -> !knownBad.contains(d.where().line()))
                    .toList();
            assertThat(lvsErrors).as("errors in LVS blocks of " + file).isEmpty();
            assertThat(result.config().lvs().virtualServers()).isNotEmpty();
            String dumped = ConfigWriter.write(result.config());
            ConfigLoader.Result again = LvsTestSupport.load(dumped);
            assertThat(again.diagnostics()).filteredOn(d -> d.severity() == Severity.ERROR).as(dumped).isEmpty();
            assertThat(again.config().lvs()).isEqualTo(result.config().lvs());
        }));
    }

    private static boolean hasVirtualServer(Path p) {
        try {
            return Files.readAllLines(p).stream().anyMatch(l -> l.stripLeading().startsWith("virtual_server"));
        } catch (IOException e) {
            return false;
        }
    }
}
