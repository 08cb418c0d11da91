package org.keepalived4j.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.management.Actor;
import org.keepalived4j.management.InstanceSnapshot;
import org.keepalived4j.management.ManagementSettings;
import org.keepalived4j.management.engine.ManagedRouter;
import org.keepalived4j.management.engine.ManagementSubsystem;
import org.keepalived4j.vrrp.VirtualAddressActions;
import org.keepalived4j.vrrp.VrrpEventListener;
import org.keepalived4j.vrrp.VrrpRouter;
import org.keepalived4j.vrrp.loop.ThreadEventLoop;
import org.keepalived4j.vrrp.sim.SimulatedLan;

/**
 * The remote connector on the test JVM's loopback (free port), started by the daemon's ManagementSubsystem through
 * ServiceLoader, driven by jmxterm 1.0.4 run as {@code java -jar}. jmxterm exits 0 on unknown attributes, so every
 * check reads the values back.
 */
class RemoteConnectorJmxtermTest {
    private static final String BEAN = "keepalived4j:type=VrrpInstance,name=VI_1";

    @TempDir
    Path dir;

    private ThreadEventLoop loop;
    private VrrpRouter router;
    private ManagementSubsystem management;
    private int port;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path passwords = Files.writeString(dir.resolve("jmx.password"), "# user password\nadmin s3cret\nviewer v1ew\n");
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(dir.resolve("jmx.access"), "admin readwrite\nviewer readonly\n");
        Path settings = Files.writeString(dir.resolve("management.properties"), String.join("\n",
                "jmx.remote.enabled=true", "jmx.remote.address=127.0.0.1", "jmx.remote.port=" + port,
                "jmx.remote.password_file=jmx.password", "jmx.remote.access_file=jmx.access",
                "overlay.state_file=live.properties", ""));
        loop = new ThreadEventLoop("k4j-test-vrrp").start();
        router = new VrrpRouter(SimulatedLan.settings("VI_1", 51, 100, 1).build(), loop, (advert, source) -> { },
                VirtualAddressActions.NONE, VrrpEventListener.NONE);
        router.start();
        management = new ManagementSubsystem(dir.resolve("keepalived.conf"), settings,
                () -> List.of(new ManagedRouter(router, "lo")), () -> { });
        management.start(emptyConfig());
    }

    @AfterEach
    void stop() {
        if (management != null) {
            management.stop();
        }
        if (loop != null) {
            router.stop();
            loop.close();
        }
    }

    private record Run(int rc, String out, String err) {
    }

    private Run jmxterm(String user, String password, String... commands) throws Exception {
        return jmxtermVerbose("silent", user, password, commands);
    }

    /** {@code verbosity} silent prints only values; brief also prints why a command failed. */
    private Run jmxtermVerbose(String verbosity, String user, String password, String... commands) throws Exception {
        String jar = System.getProperty("k4j.jmxterm.jar");
        assertThat(jar).as("k4j.jmxterm.jar (set by the jmx pom)").isNotBlank();
        Path script = Files.writeString(dir.resolve("script.txt"), String.join("\n", commands) + "\n");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar,
                "-l", "127.0.0.1:" + port, "-u", user, "-p", password, "-n", "-v", verbosity, "-e")
                .redirectInput(script.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("jmxterm did not finish in 90 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip(),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private InstanceSnapshot vi1() {
        return management.api().instance("VI_1").orElseThrow();
    }

    @Test
    void readwriteUserReadsAndSetsThePriority() throws Exception {
        Run r = jmxterm("admin", "s3cret",
                "get -s -b " + BEAN + " BasePriority",
                "get -s -b " + BEAN + " VirtualRouterId",
                "set -b " + BEAN + " BasePriority 150",
                "get -s -b " + BEAN + " BasePriority",
                "get -s -b " + BEAN + " EffectivePriority");
        assertThat(r.rc()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).containsExactly("100", "51", "150", "150");
        assertThat(vi1().basePriority()).isEqualTo(150);
        assertThat(vi1().overrides()).singleElement().satisfies(o -> {
            assertThat(o.actor()).isEqualTo(Actor.jmx("admin"));
            assertThat(o.value()).isEqualTo("150");
        });
    }

    /** The one-liners of jmx/README.md ("jmxterm one-liners") that the other tests do not already run. */
    @Test
    void readmeOneLinersListTheBeansReadEveryAttributeAndRunTheCommonOperations() throws Exception {
        Run beans = jmxterm("viewer", "v1ew", "beans -d keepalived4j");
        // jmxterm lists canonical names (keys sorted)
        assertThat(beans.out().lines().toList()).as(beans.err()).contains(
                javax.management.ObjectName.getInstance(BEAN).getCanonicalName(), "keepalived4j:type=Daemon");

        Run all = jmxtermVerbose("brief", "viewer", "v1ew", "get -b " + BEAN + " *");
        assertThat(all.out()).as(all.err()).contains("VirtualRouterId = 51;", "BasePriority = 100;",
                "Interface = lo;", "AdvertisementsSent = ", "LastTransitionReason = ", "Trackers = ");

        Run ops = jmxterm("admin", "s3cret",
                "set -b " + BEAN + " Preempt false",
                "get -s -b " + BEAN + " Preempt",
                "run -b " + BEAN + " resetStatistics",
                "get -s -b keepalived4j:type=Daemon RouterId");
        List<String> lines = ops.out().lines().toList();
        assertThat(lines).as(ops.err()).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("false");
        assertThat(lines.get(1)).contains("statistics reset");
        assertThat(lines.get(2)).isEqualTo(management.api().daemon().routerId());
        assertThat(vi1().preempt()).isFalse();
    }

    @Test
    void liveValueSetOverJmxSurvivesADaemonRestart() throws Exception {
        Run r = jmxterm("admin", "s3cret", "set -b " + BEAN + " BasePriority 140", "get -s -b " + BEAN + " BasePriority");
        assertThat(r.out()).as(r.err()).isEqualTo("140");
        management.stop();
        management = null;
        router.stop();
        assertThat(Files.readString(dir.resolve("live.properties"))).contains("VI_1/priority=140;100;jmx;admin;");

        // the new process: fresh router from the unchanged file (priority 100), same settings and state file
        router = new VrrpRouter(SimulatedLan.settings("VI_1", 51, 100, 1).build(), loop, (advert, source) -> { },
                VirtualAddressActions.NONE, VrrpEventListener.NONE);
        router.start();
        management = new ManagementSubsystem(dir.resolve("keepalived.conf"), dir.resolve("management.properties"),
                () -> List.of(new ManagedRouter(router, "lo")), () -> { });
        management.start(emptyConfig());
        Run after = jmxterm("viewer", "v1ew", "get -s -b " + BEAN + " BasePriority", "get -s -b " + BEAN
                + " ConfiguredPriority");
        assertThat(after.out().lines().toList()).as(after.err()).containsExactly("140", "100");
        assertThat(router.basePriority()).isEqualTo(140);
    }

    @Test
    void readonlyUserReadsButCannotSet() throws Exception {
        Run read = jmxterm("viewer", "v1ew", "get -s -b " + BEAN + " BasePriority", "get -s -b " + BEAN + " Interface");
        assertThat(read.rc()).as(read.err()).isZero();
        assertThat(read.out().lines().toList()).containsExactly("100", "lo");

        Run set = jmxtermVerbose("brief", "viewer", "v1ew", "set -b " + BEAN + " BasePriority 120");
        assertThat(set.rc()).isNotZero();
        assertThat(set.out() + set.err()).contains("Access denied");
        assertThat(vi1().basePriority()).isEqualTo(100);
        assertThat(vi1().overrides()).isEmpty();
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        Run r = jmxterm("admin", "wrong", "get -s -b " + BEAN + " BasePriority", "set -b " + BEAN + " BasePriority 90");
        assertThat(r.rc()).isNotZero();
        assertThat(r.out()).doesNotContain("100");
        assertThat(r.err()).contains("Authentication failed");
        assertThat(vi1().basePriority()).isEqualTo(100);
    }

    @Test
    void outOfRangeValueIsRefusedWithTheReason() throws Exception {
        Run r = jmxtermVerbose("brief", "admin", "s3cret", "set -b " + BEAN + " BasePriority 255");
        assertThat(r.rc()).isNotZero();
        assertThat(r.out() + r.err()).contains("only for the address owner");
        assertThat(vi1().basePriority()).isEqualTo(100);
    }

    @Test
    void unsafeSettingsAreRefused() {
        assertThat(RemoteSettings.from(settings(Map.of()))).isEmpty();
        assertThatThrownBy(() -> RemoteSettings.from(settings(Map.of("jmx.remote.enabled", "true",
                "jmx.remote.address", "0.0.0.0", "jmx.remote.port", "9999", "jmx.remote.authenticate", "false",
                "jmx.remote.allow_unauthenticated", "true"))))
                .hasMessageContaining("jmx.remote.authenticate=false is refused unless");
        assertThatThrownBy(() -> RemoteSettings.from(settings(Map.of("jmx.remote.enabled", "true",
                "jmx.remote.port", "9999", "jmx.remote.authenticate", "false"))))
                .hasMessageContaining("loopback");
        assertThat(RemoteSettings.from(settings(Map.of("jmx.remote.enabled", "true", "jmx.remote.port", "9999",
                "jmx.remote.authenticate", "false", "jmx.remote.allow_unauthenticated", "true")))).isPresent();
        assertThatThrownBy(() -> RemoteSettings.from(settings(Map.of("jmx.remote.enabled", "true"))))
                .hasMessageContaining("jmx.remote.port: required");
        assertThatThrownBy(() -> RemoteSettings.from(settings(Map.of("jmx.remote.enabled", "true",
                "jmx.remote.port", "9999")))).hasMessageContaining("jmx.remote.password_file: required");
    }

    @Test
    void worldReadablePasswordFileIsRefused() throws IOException {
        Path p = Files.writeString(dir.resolve("open.password"), "admin x\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> new FileAuthenticator(p)).hasMessageContaining("chmod 600");
    }

    private ManagementSettings settings(Map<String, String> values) {
        return new ManagementSettings(dir.resolve("management.properties"), values);
    }

    /** keepalived's defaults for everything, as an empty keepalived.conf gives them. */
    private static KeepalivedConfig emptyConfig() {
        return org.keepalived4j.config.ConfigLoader.loadString("", java.nio.file.Path.of("empty.conf"),
                new org.keepalived4j.config.syntax.ReadOptions("host"), org.keepalived4j.config.HostEnvironment.permissive()).config();
    }
}
