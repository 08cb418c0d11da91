package org.keepalived4j.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.management.ManagementSettings;

class SnmpSettingsTest {
    @TempDir
    Path dir;

    private SnmpSettings parse(String text) throws Exception {
        Path file = dir.resolve("management.properties");
        Files.writeString(file, text);
        return SnmpSettings.from(ManagementSettings.load(file));
    }

    @Test
    void missingFileMeansOffWithLoopbackDefaults() {
        SnmpSettings s = SnmpSettings.from(ManagementSettings.empty());
        assertThat(s.enabled()).isFalse();
        assertThat(s.address()).isEqualTo("127.0.0.1");
        assertThat(s.port()).isEqualTo(161);
        assertThat(s.readOnlyCommunity()).isEmpty();
        assertThat(s.users()).isEmpty();
    }

    @Test
    void fullSettingsAreRead() throws Exception {
        SnmpSettings s = parse("""
                snmp.enabled = yes
                snmp.port = 1161
                snmp.boot_file = state/boot.bc
                snmp.community.ro = public
                snmp.v3.users = ops
                snmp.v3.user.ops.auth = SHA-512
                snmp.v3.user.ops.auth_password = authpass123
                snmp.v3.user.ops.priv = AES-256
                snmp.v3.user.ops.priv_password = privpass123
                snmp.v3.user.ops.access = rw
                snmp.trap.v2c = 127.0.0.1:162, [::1]:1162
                snmp.inform.v3 = 127.0.0.1:10162
                snmp.inform.user = ops
                snmp.trap.source = 10.106.0.1
                """);
        assertThat(s.enabled()).isTrue();
        assertThat(s.port()).isEqualTo(1161);
        assertThat(s.bootFile()).contains(dir.resolve("state/boot.bc"));
        assertThat(s.users()).singleElement().satisfies(u -> {
            assertThat(u.auth()).isEqualTo(SnmpSettings.Auth.SHA512);
            assertThat(u.priv()).contains(SnmpSettings.Priv.AES256);
            assertThat(u.readWrite()).isTrue();
            assertThat(u.toString()).doesNotContain("authpass123", "privpass123");
        });
        assertThat(s.v2cTrapTargets()).containsExactly("127.0.0.1:162", "[::1]:1162");
        assertThat(s.informUser()).contains("ops");
        assertThat(s.trapSource()).contains(java.net.InetAddress.getByName("10.106.0.1"));
        assertThat(SnmpSettings.from(ManagementSettings.empty()).trapSource()).isEmpty();
    }

    @Test
    void badValuesNameTheFileAndKey() throws Exception {
        Map<String, String> cases = new HashMap<>();
        cases.put("snmp.v3.users = a\nsnmp.v3.user.a.auth = MD5\nsnmp.v3.user.a.auth_password = 12345678\n",
                "snmp.v3.user.a.auth: expected SHA");
        cases.put("snmp.v3.users = a\nsnmp.v3.user.a.auth = SHA\nsnmp.v3.user.a.auth_password = short\n",
                "snmp.v3.user.a.auth_password: at least 8 characters");
        cases.put("snmp.v3.users = a\nsnmp.v3.user.a.auth = SHA\nsnmp.v3.user.a.auth_password = 12345678\n"
                + "snmp.v3.user.a.priv = DES\nsnmp.v3.user.a.priv_password = 12345678\n", "snmp.v3.user.a.priv: expected AES");
        cases.put("snmp.trap.v2c = somewhere\n", "snmp.trap.v2c: expected host:port");
        cases.put("snmp.port = 70000\n", "snmp.port: 70000 is outside 1..65535");
        cases.put("snmp.trap.source = trap-host.example\n", "snmp.trap.source: expected an IPv4 or IPv6 address");
        cases.put("snmp.inform.v3 = 127.0.0.1:162\nsnmp.inform.user = nobody\n", "snmp.inform.user: no such user");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            assertThatThrownBy(() -> parse(c.getKey())).as(c.getKey())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("management.properties: ")
                    .hasMessageContaining(c.getValue());
        }
    }
}
