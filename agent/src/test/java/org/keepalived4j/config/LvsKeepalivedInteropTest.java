package org.keepalived4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.keepalived4j.config.dump.ConfigWriter;
import org.keepalived4j.config.syntax.ReadOptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Debian's keepalived accepts our canonical dump of every sample: {@code keepalived -t} (config test
 * only) reports no line-numbered finding for it.
 */
@Tag("interop")
class LvsKeepalivedInteropTest {
    private static final Path SAMPLES = Path.of("/usr/share/doc/keepalived/samples");
    private static final Path KEEPALIVED = Path.of("/usr/sbin/keepalived");

    @TestFactory
    Stream<DynamicTest> keepalivedAcceptsOurDumpOfEachSample() throws IOException {
        assumeTrue(Files.isDirectory(SAMPLES) && Files.isExecutable(KEEPALIVED), "keepalived or its samples not installed");
        List<Path> files;
        try (Stream<Path> list = Files.list(SAMPLES)) {
            files = list.filter(p -> p.getFileName().toString().startsWith("keepalived.conf")).sorted().toList();
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            ConfigLoader.Result result = ConfigLoader.load(file, new ReadOptions("host"), HostEnvironment.permissive());
            assumeTrue(!result.config().lvs().virtualServers().isEmpty(), "no virtual server");
            Path dump = Files.createTempFile("k4j-lvs-", ".conf");
            try {
                Files.writeString(dump, ConfigWriter.write(result.config()));
                List<String> findings = keepalivedTest(dump).stream().filter(l -> l.contains("Line "))
                        .filter(l -> !isMachineDependent(l)).toList();
                assertThat(findings).as(Files.readString(dump)).isEmpty();
            } finally {
                Files.deleteIfExists(dump);
            }
        }));
    }

    /** Our dumps are already adjusted: keepalived has nothing to say about them but the missing script_security. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("org.keepalived4j.config.LvsRoundTripTest#configurations")
    void keepalivedHasNoRemarkOnOurDump(String text) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(KEEPALIVED), "keepalived not installed");
        ConfigLoader.Result result = LvsTestSupport.load(text);
        Path dump = Files.createTempFile("k4j-lvs-", ".conf");
        try {
            Files.writeString(dump, ConfigWriter.write(result.config()));
            List<String> remarks = keepalivedTest(dump).stream()
                    .filter(l -> !l.startsWith("SECURITY VIOLATION") && !l.isBlank()).toList();
            assertThat(remarks).as(Files.readString(dump)).isEmpty();
        } finally {
            Files.deleteIfExists(dump);
        }
    }

    /** Remarks about the interfaces of the machine keepalived -t runs on, not about the configuration's LVS part. */
    static boolean isMachineDependent(String remark) {
        return remark.matches(".*interface \\S+ for vrrp_instance \\S+ doesn't exist.*");
    }

    /** Runs {@code keepalived -t -f FILE} (config test only) and returns its output lines. */
    static List<String> keepalivedTest(Path conf) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(KEEPALIVED.toString(), "-t", "-f", conf.toString()).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("keepalived -t did not finish");
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } finally {
            p.destroyForcibly();
        }
    }
}
