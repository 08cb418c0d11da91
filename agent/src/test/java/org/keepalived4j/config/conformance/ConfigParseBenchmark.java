package org.keepalived4j.config.conformance;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.HostEnvironment;
import org.keepalived4j.config.syntax.ReadOptions;

/**
 * Benchmark (run by bench/config-parse.sh, not a test): parse+validate time and heap of ConfigLoader
 * on a generated configuration with 1,000 VRRP instances and 1,000 virtual servers of 10 real servers
 * each, side by side with {@code keepalived -t} on the same file (wall time and max RSS).
 *
 * <p>Arguments: {@code OUTPUT_DIR [WARM_RUNS] [KEEPALIVED_NETNS]}. With a namespace name, keepalived
 * runs there (it needs the interfaces lan0..lan3 the file names); without one it is skipped.
 * Prints a report to stdout (this is a command-line tool) and writes it to OUTPUT_DIR.
 */
public final class ConfigParseBenchmark {
    static final int INSTANCES = 1000;
    static final int VIRTUAL_SERVERS = 1000;
    static final int REAL_SERVERS_PER_VS = 10;
    static final List<String> INTERFACES = List.of("lan0", "lan1", "lan2", "lan3");

    private ConfigParseBenchmark() {}

    public static void main(String[] args) throws Exception {
        long jvmStartMs = ManagementFactory.getRuntimeMXBean().getStartTime();
        Path outDir = Path.of(args.length > 0 ? args[0] : "bench/results");
        int warmRuns = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        String netns = args.length > 2 ? args[2] : null;
        Files.createDirectories(outDir);
        Path conf = outDir.resolve("bench-1000vrrp-1000vs.conf");
        Files.writeString(conf, generate());
        long lines = Files.readAllLines(conf).size();

        HostEnvironment host = new HostEnvironment() {
            @Override
            public boolean interfaceExists(String name) {
                return INTERFACES.contains(name);
            }

            @Override
            public boolean isExecutableFile(Path path) {
                return Files.isRegularFile(path) && Files.isExecutable(path);
            }
        };
        ReadOptions options = new ReadOptions("bench");
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

        gc(memory);
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        long t0 = System.nanoTime();
        ConfigLoader.Result cold = ConfigLoader.load(conf, options, host);
        long coldNs = System.nanoTime() - t0;
        long sinceJvmStartMs = Instant.now().toEpochMilli() - jvmStartMs;
        gc(memory);
        long heapWithModel = memory.getHeapMemoryUsage().getUsed();
        long errors = cold.diagnostics().stream().filter(d -> d.severity() == org.keepalived4j.config.Severity.ERROR).count();

        long[] warm = new long[warmRuns];
        ConfigLoader.Result keep = null;
        for (int i = 0; i < warmRuns; i++) {
            long s = System.nanoTime();
            keep = ConfigLoader.load(conf, options, host);
            warm[i] = System.nanoTime() - s;
        }
        Arrays.sort(warm);
        double warmMedianMs = warm[warmRuns / 2] / 1e6;
        if (keep == null || cold.config() == null) {
            throw new IllegalStateException("no model");
        }

        StringBuilder r = new StringBuilder();
        r.append(String.format(Locale.ROOT, "configuration: %s (%d lines, %d VRRP instances, %d virtual servers x %d real servers)%n",
                conf.getFileName(), lines, INSTANCES, VIRTUAL_SERVERS, REAL_SERVERS_PER_VS));
        r.append(String.format(Locale.ROOT, "java: %s %s, %d cpus, max heap %d MiB%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));
        r.append(String.format(Locale.ROOT, "keepalived4j findings: %d (%d errors)%s%n", cold.diagnostics().size(), errors,
                cold.diagnostics().isEmpty() ? "" : ", first: " + cold.diagnostics().get(0)));
        double coldMs = coldNs / 1e6;
        r.append(String.format(Locale.ROOT, "keepalived4j cold parse+validate (first run after JVM start): %.1f ms%n", coldMs));
        r.append(String.format(Locale.ROOT, "keepalived4j time from JVM start to model ready: %d ms%n", sinceJvmStartMs));
        r.append(String.format(Locale.ROOT, "keepalived4j warm parse+validate, median of %d: %.1f ms (min %.1f, max %.1f)%n", warmRuns,
                warmMedianMs, warm[0] / 1e6, warm[warmRuns - 1] / 1e6));
        r.append(String.format(Locale.ROOT, "keepalived4j heap used after GC: %.1f MiB before, %.1f MiB with the model, model ~%.1f MiB%n",
                heapBefore / 1048576.0, heapWithModel / 1048576.0, (heapWithModel - heapBefore) / 1048576.0));

        if (netns != null) {
            List<double[]> runs = new ArrayList<>();
            String lastOut = "";
            for (int i = 0; i < 3; i++) {
                KeepalivedRun k = keepalived(conf, netns);
                runs.add(new double[] {k.wallMs, k.maxRssKb});
                lastOut = k.summary;
            }
            runs.sort((a, b) -> Double.compare(a[0], b[0]));
            double kWall = runs.get(1)[0];
            double kRssMiB = runs.get(1)[1] / 1024.0;
            long jvmRssKb = selfRssKb();
            r.append(String.format(Locale.ROOT, "keepalived -t (2.2.7, median of 3): %.1f ms wall, max RSS %.1f MiB; %s%n", kWall, kRssMiB,
                    lastOut));
            r.append(String.format(Locale.ROOT, "ratio keepalived4j/keepalived: cold %.2fx, warm %.2fx, JVM-start-to-model %.2fx%n",
                    coldMs / kWall, warmMedianMs / kWall, sinceJvmStartMs / kWall));
            r.append(String.format(Locale.ROOT, "memory: keepalived4j model ~%.1f MiB of heap (JVM RSS now %.1f MiB) vs keepalived max RSS %.1f MiB%n",
                    (heapWithModel - heapBefore) / 1048576.0, jvmRssKb / 1024.0, kRssMiB));
        } else {
            r.append("keepalived -t: skipped (no namespace given)\n");
        }
        System.out.print(r);
        Files.writeString(outDir.resolve("config-parse-" + Instant.now().toString().replace(':', '-') + ".txt"), r);
    }

    /** One configuration with the requested scale; VRIDs 1..250 repeat on four interfaces so none collide. */
    static String generate() {
        StringBuilder b = new StringBuilder(4 << 20);
        b.append("global_defs {\n    router_id BENCH\n}\n");
        for (int i = 0; i < INSTANCES; i++) {
            String ifname = INTERFACES.get(i / 250);
            int vrid = i % 250 + 1;
            b.append("vrrp_instance VI_").append(i).append(" {\n")
                    .append("    state BACKUP\n")
                    .append("    interface ").append(ifname).append('\n')
                    .append("    virtual_router_id ").append(vrid).append('\n')
                    .append("    priority ").append(50 + i % 200).append('\n')
                    .append("    advert_int 1\n")
                    .append("    authentication {\n        auth_type PASS\n        auth_pass pw").append(i % 1000).append("\n    }\n")
                    .append("    virtual_ipaddress {\n        10.").append(100 + i / 250).append('.').append(vrid).append(".1/24\n    }\n")
                    .append("}\n");
        }
        for (int v = 0; v < VIRTUAL_SERVERS; v++) {
            String vip = "10.120." + (v / 250) + "." + (v % 250 + 1);
            b.append("virtual_server ").append(vip).append(" 80 {\n")
                    .append("    delay_loop 6\n    lvs_sched wrr\n    lvs_method NAT\n    protocol TCP\n");
            for (int s = 0; s < REAL_SERVERS_PER_VS; s++) {
                int n = v * REAL_SERVERS_PER_VS + s;
                b.append("    real_server 10.").append(130 + n / 62500).append('.').append(n / 250 % 250).append('.').append(n % 250 + 1)
                        .append(" 8080 {\n        weight ").append(1 + s).append("\n        TCP_CHECK {\n            connect_timeout 3\n        }\n    }\n");
            }
            b.append("}\n");
        }
        return b.toString();
    }

    private record KeepalivedRun(double wallMs, double maxRssKb, String summary) {}

    private static final Pattern RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");

    private static KeepalivedRun keepalived(Path conf, String netns) throws IOException, InterruptedException {
        Path out = Files.createTempFile("k4j-bench-time", ".txt");
        try {
            boolean haveTime = Files.isExecutable(Path.of("/usr/bin/time"));
            List<String> cmd = new ArrayList<>();
            if (haveTime) {
                cmd.addAll(List.of("/usr/bin/time", "-v"));
            }
            cmd.addAll(List.of("ip", "netns", "exec", netns, "/usr/sbin/keepalived", "-t", "-f", conf.toAbsolutePath().toString()));
            long s = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            long pid = p.pid();
            long peakKb = 0;
            while (!p.waitFor(2, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                peakKb = Math.max(peakKb, rssKb(pid)); // fallback when /usr/bin/time is absent
                if (System.nanoTime() - s > Duration.ofMinutes(2).toNanos()) {
                    p.destroyForcibly();
                    throw new IOException("keepalived -t did not finish within 2 minutes");
                }
            }
            double wallMs = (System.nanoTime() - s) / 1e6;
            String text = Files.readString(out);
            double rss = peakKb;
            Matcher rm = RSS.matcher(text);
            if (rm.find()) {
                rss = Double.parseDouble(rm.group(1));
            }
            String verdict = "exit " + p.exitValue() + (p.exitValue() == 0 ? " (accepted)" : " (REJECTED: " + firstLine(text) + ")");
            return new KeepalivedRun(wallMs, rss, verdict + (haveTime ? ", wall by System.nanoTime around ip netns exec, RSS by /usr/bin/time -v" : ", RSS sampled from /proc"));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:") || line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0; // the process has just exited
        }
        return 0;
    }

    private static long selfRssKb() {
        return rssKb(ProcessHandle.current().pid());
    }

    private static void gc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            memory.gc();
            Thread.sleep(50);
        }
    }

    static Set<String> interfaces() {
        return Set.copyOf(INTERFACES);
    }
}
