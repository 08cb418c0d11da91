package org.keepalived4j.vrrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keepalived4j.vrrp.sim.SimulatedLan;

class VrrpTimersTest {

    @Test
    void v2SkewIsAFractionOfOneSecond() {
        // RFC 3768 §6.1: (256 - 100) / 256 s = 0.609375 s
        assertThat(VrrpTimers.skewMicros(2, 100, 100)).isEqualTo(609_375);
        assertThat(VrrpTimers.skewMicros(2, 100, 300)).as("v2 skew ignores the interval").isEqualTo(609_375);
        assertThat(VrrpTimers.masterDownMicros(2, 100, 300, 3)).isEqualTo(9_609_375);
        assertThat(VrrpTimers.skewMicros(2, 254, 100)).isEqualTo(7_812); // 2/256 s = 7812.5 µs, truncated
    }

    @Test
    void v3SkewScalesWithTheMasterAdvertInterval() {
        // RFC 5798 §6.1: (256 - 100) * 50 ms / 256 = 30.46875 ms, keepalived truncates to whole µs
        assertThat(VrrpTimers.skewMicros(3, 100, 5)).isEqualTo(30_468);
        assertThat(VrrpTimers.masterDownMicros(3, 100, 5, 3)).isEqualTo(180_468);
        assertThat(VrrpTimers.skewMicros(3, 1, 4095)).isEqualTo(255L * 40_950_000 / 256);
        assertThat(VrrpTimers.masterDownMicros(3, 200, 100, 5)).isEqualTo(5_000_000 + 56 * 1_000_000 / 256);
    }

    @Test
    void settingsRejectWhatTheProtocolCannotCarry() {
        InetAddress vip = SimulatedLan.ip("10.0.0.100");
        var base = SimulatedLan.settings("VI_1", 51, 100, 1);
        assertThatThrownBy(() -> base.advertIntervalCentis(50).build())
                .hasMessageContaining("whole seconds");
        assertThatThrownBy(() -> SimulatedLan.settings("VI_1", 51, 100, 1).version(3)
                .authentication(VrrpAuthentication.pass("x")).build())
                .hasMessageContaining("version 3 does not support authentication");
        assertThatThrownBy(() -> SimulatedLan.settings("VI_1", 0, 100, 1).build()).hasMessageContaining("virtual_router_id");
        assertThatThrownBy(() -> SimulatedLan.settings("VI_1", 51, 100, 1).version(3).advertIntervalCentis(4096).build())
                .hasMessageContaining("0.01..40.95");
        assertThatThrownBy(() -> SimulatedLan.settings("VI_1", 51, 100, 1)
                .virtualAddresses(List.of(vip, SimulatedLan.ip("fe80::1"))).build()).hasMessageContaining("not IPV4");
        assertThatThrownBy(() -> SimulatedLan.settings("VI_1", 51, 100, 1).strict(true)
                .unicastPeers(List.of(SimulatedLan.ip("10.0.0.2"))).build()).hasMessageContaining("strict");
        var v6 = VrrpRouterSettings.builder("VI_6", 51).family(AddressFamily.IPV6).version(3)
                .primaryAddress(SimulatedLan.ip("fe80::1")).virtualAddresses(List.of(SimulatedLan.ip("2001:db8::1"))).build();
        assertThat(v6.advertIntervalField()).isEqualTo(100);
        assertThat(VrrpAuthentication.pass("averylongpassword").key()).hasSize(8).startsWith("averylon".getBytes());
        assertThat(VrrpAuthentication.pass("secret").toString()).doesNotContain("secret");
    }
}
