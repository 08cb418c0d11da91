package org.keepalived4j.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keepalived4j.sys.Errno;
import org.keepalived4j.sys.Native;
import org.keepalived4j.vrrp.AddressFamily;
import org.keepalived4j.vrrp.VrrpAuthentication;
import org.keepalived4j.vrrp.VrrpRouterSettings;

/** The start-up warm-up of the takeover path: runs for every kind of instance and has no side effect. */
class TakeoverWarmupTest {

    @Test
    void warmsV2V3Ipv4Ipv6AndUnicastInstancesWithoutOpeningAnything() throws Exception {
        VrrpRouterSettings v2 = VrrpRouterSettings.builder("VI_2", 52).version(2)
                .authentication(VrrpAuthentication.pass("secret"))
                .virtualAddresses(List.of(ip("10.77.0.100"), ip("10.77.0.99")))
                .primaryAddress(ip("10.77.0.1")).build();
        VrrpRouterSettings v3Unicast = VrrpRouterSettings.builder("VI_3", 53).version(3)
                .virtualAddresses(List.of(ip("10.77.0.101")))
                .primaryAddress(ip("10.77.0.1")).unicastPeers(List.of(ip("10.77.0.2"))).build();
        VrrpRouterSettings v6 = VrrpRouterSettings.builder("VI_6", 56).family(AddressFamily.IPV6).version(3)
                .virtualAddresses(List.of(ip("2001:db8::1"))).primaryAddress(ip("fe80::1")).build();
        List<VrrpInstanceSpec> specs = List.of(VrrpInstanceSpec.of(v2, "lan0"), VrrpInstanceSpec.of(v3Unicast, "lan0"),
                VrrpInstanceSpec.of(v6, "lan0"));
        assertThat(TakeoverWarmup.run(specs)).isTrue(); // the first run also loads libc and jffi
        int fdsBefore = openDescriptors();

        assertThat(TakeoverWarmup.run(specs)).isTrue();

        assertThat(openDescriptors()).isEqualTo(fdsBefore);
    }

    @Test
    void theNativeSendItLinksCannotReachTheKernelsNetworkStack() {
        long n = Native.libc().sendto(-1, Native.copyOf(new byte[40]), 40, 0, Native.allocate(16), 16);

        assertThat(n).isEqualTo(-1);
        assertThat(Native.errno()).isEqualTo(Errno.EBADF);
    }

    private static int openDescriptors() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }
}
