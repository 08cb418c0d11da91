package org.keepalived4j.snmp;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs net-snmp's command line tools for the tests. */
final class NetSnmp {
    private NetSnmp() {
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    static boolean available(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static Path repoRoot() {
        String root = System.getProperty("k4j.repoRoot");
        Path p = root == null ? Path.of("..") : Path.of(root);
        return p.toAbsolutePath().normalize();
    }

    /** This repository's MIB modules. */
    static Path mibDir() {
        return repoRoot().resolve("mib/mibs");
    }

    /** The IETF base modules (SNMPv2-SMI, IF-MIB ...) that Debian lacks: shared/mibs beside the clone. */
    static Path baseMibDir() {
        Path beside = repoRoot().resolve("../shared/mibs").normalize();
        return Files.isDirectory(beside) ? beside : Path.of("/work/shared/mibs");
    }

    static Result run(Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        Path out = Files.createTempFile("k4j-netsnmp", ".out");
        Path err = Files.createTempFile("k4j-netsnmp", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null")));
        Process p = pb.start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static Result run(String... command) throws IOException, InterruptedException {
        return run(Map.of("MIBS", "", "MIBDIRS", ""), new ArrayList<>(List.of(command)));
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
