package org.keepalived4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.vrrp.VrrpInstance;
import org.keepalived4j.config.syntax.ReadOptions;

/**
 * The effective values keepalived 2.2.7 computes (its {@code -d} dump at start-up) equal those of
 * our model. keepalived runs inside a k4j- namespace whose only link is a veth pair with no IPv4
 * address, so every instance stays in FAULT and nothing is sent; it is stopped after the dump.
 */
@Tag("interop")
class VrrpKeepalivedDumpInteropTest {
    private static final String CONFIG = """
            global_defs {
                vrrp_garp_master_delay 3
                vrrp_garp_master_repeat 4
                vrrp_garp_lower_prio_repeat 2
                vrrp_higher_prio_send_advert
            }
            vrrp_instance OWNER_BY_STATE {
                state MASTER
                interface eth9
                virtual_router_id 51
                virtual_ipaddress {
                    10.0.0.3/24
                }
            }
            vrrp_instance MASTER_BY_PRIORITY {
                interface eth9
                virtual_router_id 52
                priority 255
                version 3
                advert_int 0.37
                garp_master_delay 7
                virtual_ipaddress {
                    10.0.0.4/24
                }
            }
            vrrp_instance STRICT_BACKUP {
                interface eth9
                virtual_router_id 53
                priority 90
                strict_mode on
                accept
                garp_lower_prio_repeat 4
                virtual_ipaddress {
                    10.0.0.5/24
                }
            }
            vrrp_instance LAZY {
                interface eth9
                virtual_router_id 54
                nopreempt
                advert_int 2
                garp_master_refresh 30
                garp_master_refresh_repeat 2
                lower_prio_no_advert
                virtual_ipaddress {
                    10.0.0.6/24
                }
            }
            vrrp_instance DELAYED {
                interface eth9
                virtual_router_id 55
                preempt_delay 2.5
                virtual_ipaddress {
                    10.0.0.7/24
                }
            }
            """;

    @TempDir
    Path dir;

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            p.waitFor(30, TimeUnit.SECONDS);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void keepalivedsEffectiveValuesEqualOurs() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/keepalived")),
                "needs root, network namespaces and /usr/sbin/keepalived");
        String ns = "k4j-vmdump-" + ProcessHandle.current().pid();
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, CONFIG);
        List<String> lines = new ArrayList<>();
        run("ip", "netns", "add", ns);
        try {
            run("ip", "-n", ns, "link", "add", "eth9", "type", "veth", "peer", "name", "eth8");
            run("ip", "-n", ns, "link", "set", "eth9", "up");
            run("ip", "-n", ns, "link", "set", "eth8", "up");
            Process ka = new ProcessBuilder("timeout", "20", "ip", "netns", "exec", ns, "/usr/sbin/keepalived", "-n", "-l", "-D", "-d",
                    "-P", "-f", conf.toString(), "-p", dir.resolve("k.pid").toString(), "-r", dir.resolve("v.pid").toString(),
                    "-c", dir.resolve("c.pid").toString(), "-b", dir.resolve("b.pid").toString())
                    .redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(ka.getInputStream()))) {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                String line;
                int instancesSeen = 0;
                // the dump ends with the interface list, after the last instance
                while (System.nanoTime() < end && (line = r.readLine()) != null) {
                    lines.add(line);
                    if (line.contains("VRRP Instance = ")) {
                        instancesSeen++;
                    }
                    if (instancesSeen == 5 && line.contains("------< Interfaces >------")) {
                        break;
                    }
                }
            } finally {
                List<ProcessHandle> family = ka.descendants().toList();
                ka.destroy();
                family.forEach(ProcessHandle::destroy);
                if (!ka.waitFor(5, TimeUnit.SECONDS)) {
                    ka.destroyForcibly();
                }
                family.forEach(ProcessHandle::destroyForcibly);
            }
        } finally {
            run("ip", "netns", "del", ns);
        }
        Map<String, Map<String, String>> dumped = parse(lines);
        assertThat(dumped).as("keepalived -d output: %s", lines).hasSize(5);
        // facts this comparison rests on, stated once explicitly
        assertThat(dumped.get("OWNER_BY_STATE")).containsEntry("Priority", "255").containsEntry("Wantstate", "MASTER");
        assertThat(dumped.get("MASTER_BY_PRIORITY")).containsEntry("Wantstate", "MASTER").containsEntry("Advert interval", "370 milli-sec");
        assertThat(dumped.get("STRICT_BACKUP")).containsEntry("Gratuitous ARP lower priority repeat", "0");
        assertThat(dumped.get("LAZY")).containsEntry("Preempt", "disabled").containsEntry("Gratuitous ARP lower priority repeat", "2");
        assertThat(dumped.get("DELAYED")).containsEntry("Preempt delay", "2.5 secs");

        ConfigLoader.Result ours = ConfigLoader.load(conf, new ReadOptions("host"), HostEnvironment.permissive());
        // STRICT_BACKUP makes keepalived adjust two settings, which it reports too (-t exits 5); nothing else
        assertThat(ours.diagnostics()).as("%s", ours.diagnostics()).filteredOn(d -> d.severity() == Severity.ERROR)
                .extracting(Diagnostic::message).containsExactlyInAnyOrder(
                        "(STRICT_BACKUP) warning - accept mode for VRRP version 2 does not comply with RFC3768 - resetting",
                        "(STRICT_BACKUP) Strict mode requires no repeat garps - resetting");
        for (VrrpInstance vi : ours.config().vrrp().instances()) {
            Map<String, String> k = dumped.get(vi.name());
            assertThat(k).as(vi.name()).isNotNull();
            assertThat(k.get("Wantstate")).as(vi.name()).isEqualTo(vi.initialState().name());
            assertThat(k.get("Priority")).as(vi.name()).isEqualTo(String.valueOf(vi.priority()));
            assertThat(k.get("VRRP Version")).as(vi.name()).isEqualTo(String.valueOf(vi.version()));
            assertThat(advert(k.get("Advert interval"))).as(vi.name()).isEqualTo(vi.advertInterval());
            assertThat(k.get("Preempt")).as(vi.name()).isEqualTo(vi.preempt() ? "enabled" : "disabled");
            if (k.containsKey("Preempt delay")) {
                assertThat(k.get("Preempt delay")).as(vi.name()).isEqualTo(
                        org.keepalived4j.config.bind.VrrpText.seconds(vi.preemptDelay()) + " secs");
            } else {
                assertThat(vi.preemptDelay()).as(vi.name()).isZero();
            }
            if (k.containsKey("Accept")) {
                assertThat(k.get("Accept")).as(vi.name()).isEqualTo(vi.accept() ? "enabled" : "disabled");
            }
            assertThat(k.containsKey("Enforcing strict VRRP compliance")).as(vi.name()).isEqualTo(vi.strictMode());
            assertThat(k.get("Gratuitous ARP delay")).as(vi.name()).isEqualTo(String.valueOf(vi.garp().masterDelay().toSeconds()));
            assertThat(k.get("Gratuitous ARP repeat")).as(vi.name()).isEqualTo(String.valueOf(vi.garp().masterRepeat()));
            assertThat(k.get("Gratuitous ARP refresh")).as(vi.name()).isEqualTo(String.valueOf(vi.garp().masterRefresh().toSeconds()));
            assertThat(k.get("Gratuitous ARP refresh repeat")).as(vi.name()).isEqualTo(String.valueOf(vi.garp().masterRefreshRepeat()));
            assertThat(k.get("Gratuitous ARP lower priority delay")).as(vi.name())
                    .isEqualTo(String.valueOf(vi.garp().lowerPrioDelay().toSeconds()));
            assertThat(k.get("Gratuitous ARP lower priority repeat")).as(vi.name())
                    .isEqualTo(String.valueOf(vi.garp().lowerPrioRepeat()));
            assertThat(k.get("Send advert after receive lower priority advert")).as(vi.name())
                    .isEqualTo(String.valueOf(!vi.lowerPrioNoAdvert()));
            assertThat(k.get("Send advert after receive higher priority advert")).as(vi.name())
                    .isEqualTo(String.valueOf(vi.higherPrioSendAdvert()));
        }
    }

    private static Duration advert(String text) {
        String[] parts = text.split(" ");
        long n = Long.parseLong(parts[0]);
        return parts[1].equals("sec") ? Duration.ofSeconds(n) : Duration.ofMillis(n);
    }

    /** "VRRP Instance = NAME" sections of the dump: "Key = value" lines (a few are flags without "="). */
    private static Map<String, Map<String, String>> parse(List<String> lines) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String raw : lines) {
            int colon = raw.indexOf(": ", raw.indexOf(" 20") > 0 ? raw.indexOf(" 20") : 0);
            String line = (colon >= 0 ? raw.substring(colon + 2) : raw).strip();
            if (line.startsWith("VRRP Instance = ")) {
                current = new HashMap<>();
                out.put(line.substring("VRRP Instance = ".length()), current);
            } else if (line.startsWith("------<") && current != null && !line.contains("VRRP Topology")) {
                current = null;
            } else if (current != null) {
                int eq = line.indexOf(" = ");
                if (eq > 0) {
                    current.putIfAbsent(line.substring(0, eq), line.substring(eq + 3));
                } else {
                    current.putIfAbsent(line, "");
                }
            }
        }
        return out;
    }
}
