package org.keepalived4j.config.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.keepalived4j.config.Diagnostics;

/**
 * Every sample configuration shipped with Debian's keepalived 2.2.7 reads without any syntax finding
 * (keepalived -t reports none of its syntax messages for them either; their remaining messages are
 * about keywords and interfaces). The directory also holds shell scripts (*.sh, *.sh.gz), which are not
 * configurations and are skipped.
 */
class SampleConfigsTest {
    private static final Path SAMPLES = Path.of("/usr/share/doc/keepalived/samples");

    @Test
    void everySampleReadsWithoutSyntaxFindings() throws IOException {
        assumeTrue(Files.isDirectory(SAMPLES), "keepalived samples not installed at " + SAMPLES + " (apt-get install keepalived)");
        List<Path> configs;
        try (Stream<Path> files = Files.list(SAMPLES)) {
            configs = files.filter(p -> p.getFileName().toString().startsWith("keepalived.conf")).sorted().toList();
        }
        assertThat(configs).isNotEmpty();
        for (Path config : configs) {
            Diagnostics diagnostics = new Diagnostics();
            List<ConfigNode> nodes = ConfigReader.read(config, new ReadOptions("main"), diagnostics);
            assertThat(diagnostics.all()).as(config.toString()).isEmpty();
            assertThat(nodes).as(config.toString()).isNotEmpty();
        }
    }

    @Test
    void conditionalSampleSelectsByConfigId() throws IOException {
        Path sample = SAMPLES.resolve("keepalived.conf.conditional_conf");
        assumeTrue(Files.isRegularFile(sample), "keepalived samples not installed at " + SAMPLES);
        Diagnostics d = new Diagnostics();
        // the sample's "@high net_namespace high" / "@low net_namespace low" lines
        List<String> high = ReaderTestSupport.render(ConfigReader.read(sample, new ReadOptions("high"), d));
        List<String> low = ReaderTestSupport.render(ConfigReader.read(sample, new ReadOptions("low"), d));
        List<String> other = ReaderTestSupport.render(ConfigReader.read(sample, new ReadOptions("other"), d));
        assertThat(d.all()).isEmpty();
        assertThat(high).contains("net_namespace|high").doesNotContain("net_namespace|low");
        assertThat(low).contains("net_namespace|low").doesNotContain("net_namespace|high");
        assertThat(other).noneMatch(l -> l.startsWith("net_namespace"));
    }
}
