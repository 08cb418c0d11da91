package org.keepalived4j.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.management.ManagementPlugin;
import org.keepalived4j.management.ManagementSettings;

class SnmpPluginTest {
    @TempDir
    Path dir;

    private static SnmpPlugin plugin() {
        return ServiceLoader.load(ManagementPlugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(SnmpPlugin.class::isInstance).map(SnmpPlugin.class::cast).findFirst().orElseThrow();
    }

    @Test
    void foundByServiceLoaderAndIdleUnlessEnabled() throws Exception {
        SnmpPlugin p = plugin();
        assertThat(p.name()).isEqualTo("SNMP");
        int port = NetSnmp.freeUdpPort();
        p.start(new FakeManagement(), new ManagementSettings(null, Map.of("snmp.port", Integer.toString(port))));
        try (DatagramSocket s = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
            assertThat(s.getLocalPort()).as("nothing bound the port").isEqualTo(port);
        }
        p.stop();
    }

    @Test
    void enabledPluginServesAndReleasesThePortOnStop() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(NetSnmp.available("snmpget"), "net-snmp is not installed");
        SnmpPlugin p = plugin();
        int port = NetSnmp.freeUdpPort();
        p.start(new FakeManagement(), new ManagementSettings(null, Map.of("snmp.enabled", "true",
                "snmp.port", Integer.toString(port), "snmp.community.ro", "k4jro",
                "snmp.boot_file", dir.resolve("boot.bc").toString())));
        try {
            NetSnmp.Result r = NetSnmp.run(Map.of("MIBS", "", "MIBDIRS", ""), List.of("snmpget", "-v2c", "-c",
                    "k4jro", "-On", "-t", "3", "-r", "0", "127.0.0.1:" + port, MibOids.ROUTER_ID));
            assertThat(r.stdout()).contains("STRING: \"LAB\"");
        } finally {
            p.stop();
        }
        try (DatagramSocket s = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
            assertThat(s.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void badSettingsStopTheStartWithTheKeyNamed() {
        assertThatThrownBy(() -> plugin().start(new FakeManagement(), new ManagementSettings(null,
                Map.of("snmp.enabled", "maybe"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("snmp.enabled");
    }
}
