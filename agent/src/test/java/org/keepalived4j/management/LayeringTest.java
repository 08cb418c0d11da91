package org.keepalived4j.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The engine knows nothing of management, JMX or SNMP; the API knows nothing of JMX or SNMP. */
class LayeringTest {
    private static final Path MAIN = Path.of(System.getProperty("k4j.repoRoot", "."), "agent/src/main/java/org/keepalived4j");

    private static List<String> importsIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream().filter(l -> l.startsWith("import ")).map(l -> p.getFileName() + ": " + l);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void engineImportsNoManagementJmxOrSnmp() throws IOException {
        List<String> imports = importsIn(MAIN.resolve("vrrp"));
        assertThat(imports).isNotEmpty();
        assertThat(imports).noneMatch(l -> l.contains("org.keepalived4j.management") || l.contains("javax.management")
                || l.contains("org.snmp4j") || l.contains("org.keepalived4j.jmx"));
    }

    @Test
    void managementApiImportsNoJmxOrSnmp() throws IOException {
        List<String> imports = importsIn(MAIN.resolve("management"));
        assertThat(imports).isNotEmpty();
        assertThat(imports).noneMatch(l -> l.contains("javax.management") || l.contains("org.snmp4j")
                || l.contains("org.keepalived4j.jmx") || l.contains("org.keepalived4j.mib"));
    }
}
