package org.keepalived4j.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** C layouts from the kernel's uapi headers (x86_64, little-endian host fields), no root needed. */
class NativeStructsTest {
    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void sockaddrInHasFamilyHostOrderAndAddressNetworkOrder() throws Exception {
        // struct sockaddr_in { sa_family_t 2; in_port_t 0; in_addr 224.0.0.18; zero[8] } = 16 bytes
        assertThat(hex(NativeStructs.sockaddr(InetAddress.getByName("224.0.0.18"), 0)))
                .isEqualTo("02000000e000001200000000" + "00000000");
    }

    @Test
    void sockaddrIn6CarriesScopeId() throws Exception {
        // struct sockaddr_in6 { family 10; port; flowinfo; addr ff02::12; scope_id 3 } = 28 bytes
        assertThat(hex(NativeStructs.sockaddr(InetAddress.getByName("ff02::12"), 3)))
                .isEqualTo("0a000000" + "00000000" + "ff020000000000000000000000000012" + "03000000");
    }

    @Test
    void sockaddrLlHasProtocolInNetworkOrder() {
        // struct sockaddr_ll { family 17; protocol htons(0x0806); ifindex 5; hatype; pkttype; halen 6; addr[8] } = 20
        assertThat(hex(NativeStructs.sockaddrLl(5, Linux.ETH_P_ARP, new byte[] {-1, -1, -1, -1, -1, -1})))
                .isEqualTo("1100" + "0806" + "05000000" + "0000" + "00" + "06" + "ffffffffffff0000");
    }

    @Test
    void sockaddrNl() {
        assertThat(hex(NativeStructs.sockaddrNl(0, 0x11))).isEqualTo("1000" + "0000" + "00000000" + "11000000");
    }

    @Test
    void decodesSockaddrsBack() throws Exception {
        InetAddress v4 = InetAddress.getByName("10.77.0.1");
        assertThat(NativeStructs.inetAddress(NativeStructs.sockaddr(v4, 0), 16)).isEqualTo(v4);
        InetAddress ll = NativeStructs.inetAddress(NativeStructs.sockaddr(InetAddress.getByName("fe80::1"), 7), 28);
        assertThat(ll.getHostAddress()).isEqualTo("fe80:0:0:0:0:0:0:1%7");
        assertThat(NativeStructs.inetAddress(new byte[] {17, 0}, 2)).isNull();
        assertThat(NativeStructs.inetAddress(new byte[0], 0)).isNull();
    }

    @Test
    void errorMessagesNameCallErrnoAndHint() {
        NativeCallException e = NativeCallException.of("setsockopt(raw IPv4 socket (protocol 112) on lan0, IP_ADD_MEMBERSHIP)",
                Errno.ENODEV, null);
        assertThat(e.getMessage()).isEqualTo(
                "setsockopt(raw IPv4 socket (protocol 112) on lan0, IP_ADD_MEMBERSHIP): ENODEV: No such device");
        assertThat(NativeCallException.of("netlink RTM_NEWADDR (add address 10.0.0.1/24 dev lan0)", Errno.EPERM, null)
                .getMessage()).endsWith("EPERM: Operation not permitted - keepalived4j needs CAP_NET_ADMIN and CAP_NET_RAW (run as root)");
        assertThat(Errno.name(999)).isEqualTo("errno 999");
    }

    @Test
    void invalidInterfaceNamesAreRejectedWithTheName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Interfaces.index("a-name-that-is-too-long"))
                .isInstanceOf(NativeCallException.class)
                .hasMessage("if_nametoindex(a-name-that-is-too-long): EINVAL: Invalid argument - interface names are 1 to 15 characters");
    }
}
