package org.keepalived4j.testlab;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Assumptions;
import org.keepalived4j.sys.NetworkNamespaces;

/**
 * A throw-away network lab for tests: node namespaces {@code k4j-<prefix>-<n>}, each with a veth {@code lan0}
 * plugged into a bridge {@code br0} that lives in its own namespace {@code k4j-<prefix>-br}. Nothing is configured
 * in the root namespace. close() kills the processes the lab started (by PID) and deletes every namespace it created;
 * a JVM shutdown hook does the same if a test forgets.
 *
 * <pre>{@code
 * NetnsLab.assumeAvailable();
 * try (NetnsLab lab = NetnsLab.builder("sys-raw").nodes(2).ipv6(true).build()) {
 *     LabNode a = lab.node(1);
 *     lab.execOk(a.namespace(), "ip", "addr", "add", "10.77.0.100/32", "dev", a.ifName());
 *     Process p = lab.start(a.namespace(), List.of("keepalived", "-n", ...), logFile);
 *     int idx = lab.runInNamespace(a.namespace(), () -> LinkOps.ifIndex("lan0"));
 * }
 * }</pre>
 */
public final class NetnsLab implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger();
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9-]{0,30}");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    private static final Set<NetnsLab> OPEN = Collections.synchronizedSet(new LinkedHashSet<>());

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            List<NetnsLab> labs;
            synchronized (OPEN) {
                labs = new ArrayList<>(OPEN);
            }
            labs.forEach(NetnsLab::close);
        }, "netns-lab-cleanup"));
    }

    private final String prefix;
    private final String subnet;
    private final boolean ipv6;
    private final int segments;
    private final String bridgeNamespace;
    private final List<String> namespaces = Collections.synchronizedList(new ArrayList<>());
    private final List<LabNode> nodes = Collections.synchronizedList(new ArrayList<>());
    private final List<Process> processes = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean closed;

    /** Starts a lab description; {@code prefix} must be unique to the test (lower-case letters, digits, '-'). */
    public static Builder builder(String prefix) {
        return new Builder(prefix);
    }

    /** Options of a lab. */
    public static final class Builder {
        private final String prefix;
        private int nodes = 2;
        private boolean ipv6;
        private String subnet = "10.77.0";
        private int segments = 1;

        private Builder(String prefix) {
            if (!PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("lab prefix must match " + PREFIX + ": " + prefix);
            }
            this.prefix = prefix;
        }

        /** Number of node namespaces created at once (more with {@link NetnsLab#addNode()}). */
        public Builder nodes(int n) {
            this.nodes = n;
            return this;
        }

        /** IPv6 on (link-local + fd00:4b34:K::n/64 on segment K, DAD off); off by default for noise-free captures. */
        public Builder ipv6(boolean on) {
            this.ipv6 = on;
            return this;
        }

        /**
         * Number of bridged segments (default 1): segment k is bridge brK, interface lanK on every node, subnet
         * 10.x.(y+k).0/24 (e.g. a second, management segment for SNMP traps).
         */
        public Builder segments(int n) {
            if (n < 1 || n > 8) {
                throw new IllegalArgumentException("segments must be 1..8: " + n);
            }
            this.segments = n;
            return this;
        }

        /** The first three octets of the /24 used on the bridge, inside 10.0.0.0/8 (default 10.77.0). */
        public Builder subnet(String firstThreeOctets) {
            if (!firstThreeOctets.matches("10\\.\\d{1,3}\\.\\d{1,3}")) {
                throw new IllegalArgumentException("lab subnet must be 10.x.y: " + firstThreeOctets);
            }
            this.subnet = firstThreeOctets;
            return this;
        }

        public NetnsLab build() throws IOException {
            String[] o = subnet.split("\\.");
            if (Integer.parseInt(o[1]) > 255 || Integer.parseInt(o[2]) + segments - 1 > 255) {
                throw new IllegalArgumentException("subnet " + subnet + " with " + segments + " segments leaves 10.0.0.0/8");
            }
            NetnsLab lab = new NetnsLab(prefix, subnet, ipv6, segments);
            try {
                lab.setUpBridge();
                for (int i = 0; i < nodes; i++) {
                    lab.addNode();
                }
                return lab;
            } catch (IOException | RuntimeException e) {
                lab.close();
                throw e;
            }
        }
    }

    private NetnsLab(String prefix, String subnet, boolean ipv6, int segments) {
        this.prefix = prefix;
        this.segments = segments;
        this.subnet = subnet;
        this.ipv6 = ipv6;
        this.bridgeNamespace = "k4j-" + prefix + "-br";
        OPEN.add(this);
    }

    /** Why namespace tests cannot run here, or empty when they can (root and ip(8) present). */
    public static Optional<String> unavailableReason() {
        try {
            int euid = org.keepalived4j.sys.Native.libc().geteuid();
            if (euid != 0) {
                return Optional.of("network namespace tests need root (running as uid " + euid + ")");
            }
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("network namespace tests need libc through jnr-ffi, which failed to load: " + e);
        }
        boolean hasIp = List.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip").stream()
                .anyMatch(p -> Files.isExecutable(Path.of(p)));
        if (!hasIp) {
            return Optional.of("network namespace tests need ip(8) from iproute2");
        }
        return Optional.empty();
    }

    /** JUnit assumption: skips the calling test with the reason when namespaces are not usable. */
    public static void assumeAvailable() {
        Optional<String> reason = unavailableReason();
        Assumptions.assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElse(""));
    }

    public String prefix() {
        return prefix;
    }

    public String bridgeNamespace() {
        return bridgeNamespace;
    }

    /** Node by 1-based index. */
    public LabNode node(int index) {
        synchronized (nodes) {
            if (index < 1 || index > nodes.size()) {
                throw new IllegalArgumentException("no node " + index + " in lab " + prefix + " (has " + nodes.size() + ")");
            }
            return nodes.get(index - 1);
        }
    }

    public List<LabNode> nodes() {
        synchronized (nodes) {
            return List.copyOf(nodes);
        }
    }

    /** Every namespace this lab created (bridge first). */
    public List<String> namespaces() {
        synchronized (namespaces) {
            return List.copyOf(namespaces);
        }
    }

    private void setUpBridge() throws IOException {
        createNamespace(bridgeNamespace);
        for (int k = 0; k < segments; k++) {
            execOk(bridgeNamespace, "ip", "link", "add", "br" + k, "type", "bridge", "stp_state", "0", "forward_delay", "0",
                    "mcast_snooping", "0");
            execOk(bridgeNamespace, "ip", "link", "set", "br" + k, "up");
        }
    }

    /** The IPv4 address of node {@code n} on segment {@code k}. */
    private String ipv4(int k, int n) {
        String[] o = subnet.split("\\.");
        return o[0] + "." + o[1] + "." + (Integer.parseInt(o[2]) + k) + "." + n;
    }

    /**
     * Adds node namespace k4j-prefix-n with lanK on bridge brK for every segment, address 10.x.(y+K).n/24 (and
     * fd00:4b34:K::n/64 when IPv6 is on).
     */
    public synchronized LabNode addNode() throws IOException {
        int n = nodes.size() + 1;
        if (n > 250) {
            throw new IllegalStateException("a lab has at most 250 nodes");
        }
        String ns = "k4j-" + prefix + "-" + n;
        createNamespace(ns);
        List<String> v4s = new ArrayList<>();
        List<String> v6s = new ArrayList<>();
        for (int k = 0; k < segments; k++) {
            String lan = "lan" + k;
            String port = "n" + n + "s" + k;
            execOk(ns, "ip", "link", "add", lan, "type", "veth", "peer", "name", port, "netns", bridgeNamespace);
            execOk(bridgeNamespace, "ip", "link", "set", port, "master", "br" + k);
            execOk(bridgeNamespace, "ip", "link", "set", port, "up");
            sysctl(ns, "net.ipv4.conf." + lan + ".rp_filter", "0");
            String v4 = ipv4(k, n);
            execOk(ns, "ip", "addr", "add", v4 + "/24", "dev", lan);
            v4s.add(v4);
            if (ipv6) {
                sysctl(ns, "net.ipv6.conf." + lan + ".disable_ipv6", "0");
                sysctl(ns, "net.ipv6.conf." + lan + ".accept_dad", "0");
                String v6 = "fd00:4b34:" + Integer.toHexString(k) + "::" + Integer.toHexString(n);
                execOk(ns, "ip", "-6", "addr", "add", v6 + "/64", "dev", lan, "nodad");
                v6s.add(v6);
            }
            execOk(ns, "ip", "link", "set", lan, "multicast", "on", "up");
        }
        LabNode node = new LabNode(n, ns, "lan0", v4s.get(0), 24, ipv6 ? v6s.get(0) : null, v4s, v6s);
        nodes.add(node);
        return node;
    }

    /** Creates an empty extra namespace k4j-prefix-NAME (lo up, rp_filter 0), deleted with the lab. */
    public String addNamespace(String suffix) throws IOException {
        String ns = "k4j-" + prefix + "-" + suffix;
        createNamespace(ns);
        return ns;
    }

    private void createNamespace(String ns) throws IOException {
        if (closed) {
            throw new IllegalStateException("lab " + prefix + " is closed");
        }
        if (Files.exists(Path.of("/var/run/netns", ns))) {
            ExecResult pids = exec(null, DEFAULT_TIMEOUT, List.of("ip", "netns", "pids", ns));
            if (!pids.stdout().isBlank()) {
                throw new IOException("namespace " + ns + " already exists and has processes " + pids.stdout().strip()
                        + ": another run uses prefix " + prefix);
            }
            LOG.warn("deleting stale namespace {} left by an earlier run", ns);
            exec(null, DEFAULT_TIMEOUT, List.of("ip", "netns", "del", ns));
        }
        ExecResult r = exec(null, DEFAULT_TIMEOUT, List.of("ip", "netns", "add", ns));
        if (!r.ok()) {
            throw new IOException("cannot create namespace: " + r);
        }
        namespaces.add(ns);
        execOk(ns, "ip", "link", "set", "lo", "up");
        sysctl(ns, "net.ipv4.conf.all.rp_filter", "0");
        sysctl(ns, "net.ipv4.conf.default.rp_filter", "0");
        sysctl(ns, "net.ipv4.ip_nonlocal_bind", "1");
        // IPv6 off unless asked for (noise-free captures); new interfaces inherit "default".
        sysctl(ns, "net.ipv6.conf.default.disable_ipv6", ipv6 ? "0" : "1");
        sysctl(ns, "net.ipv6.conf.all.disable_ipv6", ipv6 ? "0" : "1");
        if (ipv6) {
            sysctl(ns, "net.ipv6.conf.default.accept_dad", "0");
            sysctl(ns, "net.ipv6.conf.all.accept_dad", "0");
            sysctl(ns, "net.ipv6.conf.default.dad_transmits", "0");
        }
    }

    private void sysctl(String ns, String key, String value) throws IOException {
        ExecResult r = exec(ns, "sysctl", "-qw", key + "=" + value);
        if (!r.ok()) {
            LOG.debug("sysctl {}={} in {} failed: {}", key, value, ns, r);
        }
    }

    /** Sets a sysctl in a namespace, failing loudly. */
    public void sysctlOk(String ns, String key, String value) throws IOException {
        execOk(ns, "sysctl", "-qw", key + "=" + value);
    }

    private void requireOwn(String ns) {
        if (ns == null || !namespaces().contains(ns)) {
            throw new IllegalArgumentException("namespace " + ns + " does not belong to lab " + prefix
                    + " (never run lab commands in the root namespace)");
        }
    }

    /** Runs {@code ip netns exec ns command...} with the default 20 s bound. */
    public ExecResult exec(String ns, String... command) throws IOException {
        return exec(ns, DEFAULT_TIMEOUT, List.of(command));
    }

    /** Like {@link #exec(String, String...)} but throws when the exit code is not 0. */
    public ExecResult execOk(String ns, String... command) throws IOException {
        ExecResult r = exec(ns, command);
        if (!r.ok()) {
            throw new IOException("command failed in " + ns + ": " + r);
        }
        return r;
    }

    /** Runs a command in a lab namespace (null ns only for lab-internal ip netns add/del), bounded by timeout. */
    public ExecResult exec(String ns, Duration timeout, List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if (ns != null) {
            requireOwn(ns);
            full.addAll(List.of("ip", "netns", "exec", ns));
        } else if (command.size() != 4 || !command.get(0).equals("ip") || !command.get(1).equals("netns")
                || !List.of("add", "del", "pids").contains(command.get(2)) || !command.get(3).startsWith("k4j-")) {
            throw new IllegalArgumentException("only 'ip netns ...' may run outside a lab namespace: " + command);
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        CompletableFuture<String> out = readAsync(p.getInputStream());
        CompletableFuture<String> err = readAsync(p.getErrorStream());
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(p);
                throw new IOException("timed out after " + timeout + ": " + String.join(" ", full));
            }
            return new ExecResult(full, p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            killTree(p);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", full), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot read output of " + String.join(" ", full), e);
        }
    }

    /** Drains a stream on its own daemon thread (not the common pool, which has one thread on a 2-core box). */
    private static CompletableFuture<String> readAsync(InputStream in) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                f.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                f.completeExceptionally(e);
            }
        }, "netns-lab-output");
        t.setDaemon(true);
        t.start();
        return f;
    }

    /**
     * Starts a long-running process in a namespace ({@code ip netns exec}, which execs the command so the PID is
     * the command's). stdout and stderr go to {@code log} (appended) or are discarded when null. The lab kills it,
     * and its descendants, on close.
     */
    public Process start(String ns, List<String> command, Path log) throws IOException {
        requireOwn(ns);
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (log == null) {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        } else {
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        Process p = pb.start();
        processes.add(p);
        LOG.debug("started pid {} in {}: {}", p.pid(), ns, command);
        return p;
    }

    /** PIDs of the processes this lab started that are still alive. */
    public List<Long> livePids() {
        synchronized (processes) {
            return processes.stream().filter(Process::isAlive).map(Process::pid).toList();
        }
    }

    /** Stops one started process: SIGTERM, then SIGKILL after {@code grace}; descendants are killed too. */
    public void stop(Process p, Duration grace) {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle c : children) {
            if (c.isAlive()) {
                c.destroyForcibly();
            }
        }
    }

    private static void killTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /**
     * Runs {@code task} on a new thread that has joined namespace {@code ns} with setns(CLONE_NEWNET); sockets it
     * opens live in that namespace. Waits at most 60 s.
     */
    public <T> T runInNamespace(String ns, Callable<T> task) throws Exception {
        return runInNamespace(ns, Duration.ofSeconds(60), task);
    }

    public <T> T runInNamespace(String ns, Duration timeout, Callable<T> task) throws Exception {
        requireOwn(ns);
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                NetworkNamespaces.enterCurrentThread(ns);
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "netns-" + ns);
        t.setDaemon(true);
        t.start();
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        } catch (TimeoutException e) {
            t.interrupt();
            throw new TimeoutException("task in namespace " + ns + " did not finish within " + timeout);
        }
    }

    /**
     * Starts {@code task} on a new daemon thread inside {@code ns} and returns at once (for receivers that must be
     * listening while the test sends).
     */
    public <T> CompletableFuture<T> startInNamespace(String ns, Callable<T> task) {
        requireOwn(ns);
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                NetworkNamespaces.enterCurrentThread(ns);
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "netns-" + ns);
        t.setDaemon(true);
        t.start();
        return result;
    }

    /** Kills this lab's processes and deletes its namespaces; safe to call twice. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        List<Process> ps;
        synchronized (processes) {
            ps = new ArrayList<>(processes);
        }
        for (Process p : ps) {
            if (p.isAlive()) {
                stop(p, Duration.ofSeconds(3));
            }
        }
        List<String> all = new ArrayList<>(namespaces());
        Collections.reverse(all);
        for (String ns : all) {
            try {
                ExecResult r = exec(null, DEFAULT_TIMEOUT, List.of("ip", "netns", "del", ns));
                if (!r.ok()) {
                    LOG.warn("cannot delete namespace {}: {}", ns, r);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot delete namespace {}: {}", ns, e.toString());
            }
        }
        OPEN.remove(this);
    }
}
