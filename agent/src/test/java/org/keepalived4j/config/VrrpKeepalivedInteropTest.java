package org.keepalived4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keepalived4j.config.syntax.ReadOptions;

/**
 * Runs Debian's keepalived 2.2.7 in config-test mode ({@code keepalived -t}, nothing else) inside a
 * k4j- namespace whose only interfaces are eth8/eth9, and checks that every line keepalived complains
 * about is a line we report, and that a config keepalived accepts has no error of ours.
 */
@Tag("interop")
class VrrpKeepalivedInteropTest {
    private static final String NS = "k4j-vmodel-" + ProcessHandle.current().pid();
    private static final Pattern LINE = Pattern.compile("^\\([^:]+: Line (\\d+)\\) (.*)$");
    private static boolean ready;

    @TempDir
    static Path dir;

    @BeforeAll
    static void namespace() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean keepalived = Files.isExecutable(Path.of("/usr/sbin/keepalived"));
        if (!root || !keepalived) {
            return;
        }
        run("ip", "netns", "add", NS);
        run("ip", "-n", NS, "link", "add", "eth9", "type", "veth", "peer", "name", "eth8");
        run("ip", "-n", NS, "link", "set", "eth9", "up");
        run("ip", "-n", NS, "link", "set", "eth8", "up");
        ready = true;
    }

    @AfterAll
    static void cleanup() throws Exception {
        if (ready) {
            run("ip", "netns", "del", NS);
        }
    }

    private static List<String> run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new IOException("timeout: " + String.join(" ", cmd));
            }
            return new String(p.getInputStream().readAllBytes()).lines().toList();
        } finally {
            p.destroyForcibly();
        }
    }

    private static final String[] CONFIGS = {
        // 0: clean
        """
        vrrp_instance VI_1 {
            interface eth9
            virtual_router_id 51
            virtual_ipaddress {
                10.0.0.3/24 dev eth8
            }
        }
        """,
        // 1: values keepalived rejects or adjusts
        """
        global_defs {
            vrrp_garp_master_repeat 0
            vrrp_version 4
            vrrp_mcast_group4 10.1.1.1
            smtp_connect_timeout 0
        }
        vrrp_instance VI_1 {
            state master
            interface eth9
            virtual_router_id 51
            priority 0
            preempt_delay 2000
            advert_int 300
            authentication {
                auth_type PASS
                auth_pass 123456789
            }
            virtual_ipaddress {
                10.0.0.1/24
                fe80::1/64
                10.0.0.300
                10.0.0.4/33
            }
            track_interface {
                eth8 weight 300
            }
            unicast_ttl 300
        }
        vrrp_instance VI_1 {
            interface eth9
            virtual_router_id 52
        }
        """,
        // 2: references and interfaces
        """
        vrrp_instance VI_1 {
            interface eth9
            virtual_router_id 51
            virtual_ipaddress {
                10.0.0.3 dev nosuch1
            }
            track_interface {
                nosuch2
            }
            virtual_routes {
                10.5.0.0/16 dev nosuch3
            }
            virtual_rules {
                from 10.0.0.0/24 table 100
            }
            track_script {
                nochk
            }
        }
        """,
    };

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void everyLineKeepalivedFlagsIsFlaggedByUs(int index) throws Exception {
        assumeTrue(ready, "needs root, network namespaces and /usr/sbin/keepalived");
        Path conf = dir.resolve("interop" + index + ".conf");
        Files.writeString(conf, CONFIGS[index]);
        List<String> out = new ArrayList<>();
        Process p = new ProcessBuilder("ip", "netns", "exec", NS, "/usr/sbin/keepalived", "-t", "-f", conf.toString(), "-l", "-D")
                .redirectErrorStream(true).start();
        int rc;
        try {
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("keepalived -t finished").isTrue();
            rc = p.exitValue();
            out.addAll(new String(p.getInputStream().readAllBytes()).lines().toList());
        } finally {
            p.destroyForcibly();
        }
        Set<Integer> keepalivedLines = new TreeSet<>();
        for (String line : out) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches()) {
                keepalivedLines.add(Integer.parseInt(m.group(1)));
            }
        }
        ConfigLoader.Result ours = ConfigLoader.load(conf, new ReadOptions("host"), ConfTestSupport.hostWith("eth8", "eth9"));
        Set<Integer> ourLines = ours.diagnostics().stream().map(d -> d.where().line()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(ourLines).as("keepalived said %s%nwe said %s", out, ours.diagnostics()).containsAll(keepalivedLines);
        if (rc == 0) {
            assertThat(ours.hasErrors()).as("keepalived accepts it: %s", ours.diagnostics()).isFalse();
        } else {
            assertThat(ours.hasErrors()).as("keepalived -t exit %s: %s", rc, out).isTrue();
        }
    }
}
