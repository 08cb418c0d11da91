package org.keepalived4j.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.codec.netlink.AddressMessage;
import org.keepalived4j.codec.netlink.RtnlMessage;
import org.keepalived4j.testlab.LabNode;
import org.keepalived4j.testlab.NetnsLab;

/** Our sockets against the reference: Debian's keepalived 2.2.7 as master in namespace A. */
@Tag("netns")
@Tag("interop")
class KeepalivedInteropTest {
    @Test
    void receivesKeepalivedAdvertAndSeesItsVipAppear(@TempDir Path dir) throws Exception {
        NetnsLab.assumeAvailable();
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/keepalived")), "keepalived is not installed");
        try (NetnsLab lab = NetnsLab.builder("sys-ka").nodes(2).build()) {
            LabNode a = lab.node(1);
            LabNode b = lab.node(2);
            Path conf = dir.resolve("keepalived.conf");
            Files.writeString(conf, """
                    global_defs {
                        router_id k4j_sys_ka
                    }
                    vrrp_instance VI_1 {
                        state MASTER
                        interface lan0
                        virtual_router_id 51
                        priority 150
                        advert_int 1
                        virtual_ipaddress {
                            10.77.0.100/32
                        }
                    }
                    """);
            CountDownLatch listening = new CountDownLatch(2);
            CompletableFuture<ReceivedPacket> advert = lab.startInNamespace(b.namespace(), () -> {
                try (RawIpSocket s = RawIpSocket.open(false, Linux.IPPROTO_VRRP)) {
                    s.joinGroup(InetAddress.getByName("224.0.0.18"), Interfaces.index(b.ifName()));
                    s.enableReceiveInfo();
                    listening.countDown();
                    for (int i = 0; i < 150; i++) { // at most 15 s
                        ReceivedPacket p = s.receive(Duration.ofMillis(100));
                        if (p != null) {
                            return p;
                        }
                    }
                    return null;
                }
            });
            CompletableFuture<AddressMessage> vipAdded = lab.startInNamespace(a.namespace(), () -> {
                try (NetlinkMonitor mon = NetlinkMonitor.open()) {
                    listening.countDown();
                    for (int i = 0; i < 75; i++) { // at most 15 s
                        for (RtnlMessage m : mon.poll(Duration.ofMillis(200))) {
                            if (m instanceof AddressMessage am && !am.isDeleted()
                                    && InetAddress.getByName("10.77.0.100").equals(am.effectiveAddress())) {
                                return am;
                            }
                        }
                    }
                    return null;
                }
            });
            assertThat(listening.await(20, TimeUnit.SECONDS)).isTrue();
            lab.start(a.namespace(), List.of("/usr/sbin/keepalived", "-n", "-l", "-G", "-f", conf.toString(),
                    "-p", dir.resolve("ka.pid").toString(), "-r", dir.resolve("vrrp.pid").toString(),
                    "-c", dir.resolve("check.pid").toString(), "-b", dir.resolve("bfd.pid").toString()),
                    dir.resolve("keepalived.log"));

            ReceivedPacket p = advert.get(30, TimeUnit.SECONDS);
            assertThat(p).as("advert from keepalived; log: %s", Files.readString(dir.resolve("keepalived.log"))).isNotNull();
            byte[] d = p.data();
            int ihl = (d[0] & 0x0f) * 4;
            assertThat(p.source()).isEqualTo(InetAddress.getByName(a.ipv4()));
            assertThat(p.ttl()).isEqualTo(255);
            assertThat(d[1] & 0xff).as("TOS").isEqualTo(0xc0);
            assertThat(d[ihl] & 0xff).as("VRRP version 2, type 1").isEqualTo(0x21);
            assertThat(d[ihl + 1] & 0xff).as("VRID").isEqualTo(51);
            assertThat(d[ihl + 2] & 0xff).as("priority").isEqualTo(150);
            assertThat(p.ifIndex()).isEqualTo(lab.runInNamespace(b.namespace(), () -> Interfaces.index(b.ifName())));

            AddressMessage vip = vipAdded.get(30, TimeUnit.SECONDS);
            assertThat(vip).as("RTM_NEWADDR for the VIP in A").isNotNull();
            assertThat(vip.prefixLength()).isEqualTo(32);
        }
    }
}
