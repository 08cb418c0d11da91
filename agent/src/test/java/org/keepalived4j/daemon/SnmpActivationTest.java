package org.keepalived4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keepalived4j.config.model.GlobalDefs;
import org.keepalived4j.management.ManagementSettings;

class SnmpActivationTest {
    private static final GlobalDefs.Snmp NONE = new GlobalDefs.Snmp(false, false, false, false, false, null);
    private static final GlobalDefs.Snmp VRRP = new GlobalDefs.Snmp(true, false, false, false, false, null);
    private static final GlobalDefs.Snmp RFC = new GlobalDefs.Snmp(false, false, true, true, false, null);
    private static final GlobalDefs.Snmp TRAPS_ONLY = new GlobalDefs.Snmp(false, false, false, false, true, null);

    private static ManagementSettings file(Map<String, String> values) {
        return new ManagementSettings(Path.of("/etc/k4j/management.properties"), values);
    }

    @Test
    void offWithoutAnyRequest() {
        assertThat(SnmpActivation.apply(file(Map.of()), false, NONE).get("snmp.enabled")).isEmpty();
        assertThat(SnmpActivation.apply(file(Map.of()), false, TRAPS_ONLY).get("snmp.enabled")).isEmpty();
    }

    @Test
    void dashXOrEnableSnmpSwitchesOnWithPublicReadOnlyWhenNoAccessIsConfigured() {
        for (var effective : new ManagementSettings[] {SnmpActivation.apply(file(Map.of()), true, NONE),
                SnmpActivation.apply(file(Map.of()), false, VRRP), SnmpActivation.apply(file(Map.of()), false, RFC)}) {
            assertThat(effective.getBoolean("snmp.enabled", false)).isTrue();
            assertThat(effective.get("snmp.community.ro")).contains("public");
            assertThat(effective.get("snmp.community.rw")).isEmpty();
            assertThat(effective.source()).contains(Path.of("/etc/k4j/management.properties"));
        }
    }

    @Test
    void configuredAccessAndOtherKeysAreKept() {
        ManagementSettings effective = SnmpActivation.apply(
                file(Map.of("snmp.community.rw", "secret", "snmp.port", "1161", "jmx.enabled", "false")), true, NONE);
        assertThat(effective.getBoolean("snmp.enabled", false)).isTrue();
        assertThat(effective.get("snmp.community.ro")).isEmpty();
        assertThat(effective.get("snmp.community.rw")).contains("secret");
        assertThat(effective.get("snmp.port")).contains("1161");
        assertThat(effective.get("jmx.enabled")).contains("false");
    }

    @Test
    void theSettingsFileDecidesWhenItSaysSo() {
        ManagementSettings off = file(Map.of("snmp.enabled", "false"));
        assertThat(SnmpActivation.apply(off, true, VRRP).getBoolean("snmp.enabled", true)).isFalse();
        ManagementSettings on = file(Map.of("snmp.enabled", "true", "snmp.community.ro", "mon"));
        ManagementSettings effective = SnmpActivation.apply(on, false, NONE);
        assertThat(effective.getBoolean("snmp.enabled", false)).isTrue();
        assertThat(effective.get("snmp.community.ro")).contains("mon");
    }
}
