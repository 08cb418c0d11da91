package org.keepalived4j.config.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.keepalived4j.config.HostEnvironment;

/**
 * A throw-away network namespace ({@code k4j-} prefix) holding the interfaces a set of configurations
 * names, in which Debian's keepalived runs {@code -t} only. Interfaces are dummies when the kernel has
 * the dummy driver, otherwise veth pairs whose both ends stay inside the namespace. Nothing is
 * configured outside the namespace; {@link #close()} deletes it.
 */
final class KeepalivedNamespace implements AutoCloseable {
    static final Path KEEPALIVED = Path.of("/usr/sbin/keepalived");
    private static final Duration IP_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final Set<String> interfaces;

    private KeepalivedNamespace(String name, Set<String> interfaces) {
        this.name = name;
        this.interfaces = interfaces;
    }

    /** Why these tests cannot run here, or null when they can (root, ip, keepalived). */
    static String unavailableReason() {
        if (!Files.isExecutable(KEEPALIVED)) {
            return "Debian's keepalived is not installed (" + KEEPALIVED + ")";
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "needs root to create network namespaces";
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip")) && !Files.isExecutable(Path.of("/usr/bin/ip"))) {
            return "ip(8) is not installed";
        }
        return null;
    }

    /** Creates {@code k4j-<purpose>-<pid>} with lo up and every named interface present and up. */
    static KeepalivedNamespace create(String purpose, List<String> interfaceNames) throws IOException {
        String ns = "k4j-" + purpose + "-" + ProcessHandle.current().pid();
        run(List.of("ip", "netns", "del", ns), true); // left over from a killed run of this same pid: unlikely, harmless
        run(List.of("ip", "netns", "add", ns), false);
        KeepalivedNamespace created = new KeepalivedNamespace(ns, new LinkedHashSet<>(interfaceNames));
        try {
            run(List.of("ip", "-n", ns, "link", "set", "lo", "up"), false);
            int peer = 0;
            for (String ifname : interfaceNames) {
                if (run(List.of("ip", "-n", ns, "link", "add", ifname, "type", "dummy"), true) != 0) {
                    // No dummy driver in this kernel: a veth pair, both ends in the namespace.
                    run(List.of("ip", "-n", ns, "link", "add", ifname, "type", "veth", "peer", "name", "k4jpeer" + peer++), false);
                }
                run(List.of("ip", "-n", ns, "link", "set", ifname, "up"), false);
            }
        } catch (IOException | RuntimeException e) {
            created.close();
            throw e;
        }
        return created;
    }

    String name() {
        return name;
    }

    /** The interface names that exist in the namespace, read back from the kernel. */
    Set<String> existingInterfaces() throws IOException {
        Path out = Files.createTempFile("k4j-links", ".txt");
        try {
            Process p = new ProcessBuilder("ip", "-n", name, "-o", "link", "show").redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            waitBounded(p, IP_TIMEOUT);
            Set<String> names = new LinkedHashSet<>();
            for (String line : Files.readAllLines(out)) {
                // "2: lan0@k4jpeer0: <BROADCAST,..." -> lan0
                String[] parts = line.split(":", 3);
                if (parts.length >= 2) {
                    String n = parts[1].trim();
                    int at = n.indexOf('@');
                    names.add(at >= 0 ? n.substring(0, at) : n);
                }
            }
            return names;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** A host that knows exactly the namespace's interfaces; files are checked on this machine as keepalived does. */
    HostEnvironment hostEnvironment() throws IOException {
        Set<String> present = existingInterfaces();
        return new HostEnvironment() {
            @Override
            public boolean interfaceExists(String ifname) {
                return present.contains(ifname);
            }

            @Override
            public boolean isExecutableFile(Path path) {
                return Files.isRegularFile(path) && Files.isExecutable(path);
            }
        };
    }

    /**
     * Runs {@code keepalived -t [-i ID] -f FILE} in the namespace, from the file's directory, bounded by
     * {@code timeout} (the process is killed by PID when it overruns).
     */
    KeepalivedVerdict configTest(Path file, String configId, Duration timeout) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name, KEEPALIVED.toString(), "-t"));
        if (configId != null) {
            cmd.add("-i");
            cmd.add(configId);
        }
        cmd.add("-f");
        cmd.add(file.toAbsolutePath().toString());
        Path out = Files.createTempFile("k4j-keepalived-t", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).directory(file.toAbsolutePath().getParent().toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            boolean finished = waitBounded(p, timeout);
            String output = Files.readString(out);
            return new KeepalivedVerdict(finished ? p.exitValue() : -1, output, !finished);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Override
    public void close() throws IOException {
        run(List.of("ip", "netns", "del", name), true);
    }

    private static boolean waitBounded(Process p, Duration timeout) throws IOException {
        try {
            if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            p.destroyForcibly(); // this process only, by its handle
            p.waitFor(5, TimeUnit.SECONDS);
            return false;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + p.info().command().orElse("a process"), e);
        }
    }

    /** Runs an ip(8) command; returns its exit code, or throws when it fails and failure is not allowed. */
    private static int run(List<String> cmd, boolean mayFail) throws IOException {
        Path out = Files.createTempFile("k4j-ip", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!waitBounded(p, IP_TIMEOUT)) {
                throw new IOException("timed out: " + String.join(" ", cmd));
            }
            int rc = p.exitValue();
            if (rc != 0 && !mayFail) {
                throw new IOException(String.join(" ", cmd) + " failed (" + rc + "): " + Files.readString(out).trim());
            }
            return rc;
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
