package org.keepalived4j.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.HostEnvironment;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.syntax.ReadOptions;
import org.keepalived4j.testlab.LabNode;
import org.keepalived4j.testlab.NetnsLab;
import org.keepalived4j.vrrp.AddressFamily;
import org.keepalived4j.vrrp.AuthType;
import org.keepalived4j.vrrp.VrrpRouterSettings;
import org.keepalived4j.vrrp.net.VirtualAddress;

/** The mapper against a real interface: advert sources come from the kernel, the rest from the model. */
@Tag("netns")
class VrrpSettingsMapperNetnsTest {
    private static final String CONF = """
            vrrp_instance A {
                interface lan0
                virtual_router_id 7
                priority 120
                advert_int 2
                nopreempt
                authentication {
                    auth_type PASS
                    auth_pass abc
                }
                unicast_peer {
                    10.77.0.9
                }
                virtual_ipaddress {
                    10.77.0.50/24 brd 10.77.0.255 dev lan0 scope link label lan0:vip
                }
                use_vmac
                # keepalived: unicast with use_vmac requires vmac_xmit_base
                vmac_xmit_base
                dont_track_primary
            }
            vrrp_instance B {
                interface lan0
                virtual_router_id 8
                advert_int 0.5
                virtual_ipaddress {
                    fd00:4b34::50
                }
            }
            """;

    private static KeepalivedConfig load(String text) {
        ConfigLoader.Result r = ConfigLoader.loadString(text, Path.of("/tmp/k4j-mapper-test.conf"),
                new ReadOptions("host"), HostEnvironment.permissive());
        assertThat(r.hasErrors()).as(r.diagnostics().toString()).isFalse();
        return r.config();
    }

    @Test
    void mapsTheModelAndReadsAdvertSourcesFromTheInterface() throws Exception {
        NetnsLab.assumeAvailable();
        try (NetnsLab lab = NetnsLab.builder("vnet-map").nodes(1).ipv6(true).build()) {
            LabNode node = lab.node(1);
            String linkLocal = lab.execOk(node.namespace(), "ip", "-6", "-o", "addr", "show", "dev", "lan0", "scope",
                    "link").stdout().replaceAll("(?s).*inet6 ([0-9a-f:]+)/.*", "$1");
            List<VrrpInstanceSpec> specs = lab.runInNamespace(node.namespace(), () -> {
                try (KernelInterfaceAddresses host = new KernelInterfaceAddresses()) {
                    return new VrrpSettingsMapper(host).instances(load(CONF));
                }
            });

            assertThat(specs).hasSize(2);
            VrrpInstanceSpec a = specs.get(0);
            VrrpRouterSettings as = a.settings();
            assertThat(as.primaryAddress()).isEqualTo(InetAddress.getByName(node.ipv4()));
            assertThat(a.watchedAddress()).isEqualTo(InetAddress.getByName(node.ipv4()));
            assertThat(a.trackInterface()).isFalse();
            assertThat(as.priority()).isEqualTo(120);
            assertThat(as.advertIntervalCentis()).isEqualTo(200);
            assertThat(as.preempt()).isFalse();
            assertThat(as.authentication().type()).isEqualTo(AuthType.PASS);
            assertThat(as.unicastPeers()).containsExactly(InetAddress.getByName("10.77.0.9"));
            assertThat(a.vmacName()).isEqualTo("vrrp.7");
            assertThat(a.vmacAddress()).isEqualTo("00:00:5e:00:01:07");
            assertThat(a.addresses()).containsExactly(new VirtualAddress(InetAddress.getByName("10.77.0.50"), 24,
                    InetAddress.getByName("10.77.0.255"), "lan0", 253, "lan0:vip"));

            VrrpInstanceSpec b = specs.get(1);
            assertThat(b.settings().family()).isEqualTo(AddressFamily.IPV6);
            assertThat(b.settings().version()).isEqualTo(3);
            assertThat(b.settings().advertIntervalCentis()).isEqualTo(50);
            assertThat(b.settings().primaryAddress().getAddress()).isEqualTo(InetAddress.getByName(linkLocal).getAddress());
            assertThat(b.multicastGroup()).isEqualTo(InetAddress.getByName("ff02::12"));
            assertThat(b.watchedAddress()).isNull();
            assertThat(b.addresses().get(0).prefixLength()).isEqualTo(128);
        }
    }

    @Test
    void aMissingInterfaceIsReportedAsKeepalivedDoes() throws Exception {
        NetnsLab.assumeAvailable();
        try (NetnsLab lab = NetnsLab.builder("vnet-map2").nodes(1).build()) {
            KeepalivedConfig config = load(CONF.replace("interface lan0\n    virtual_router_id 7",
                    "interface lan9\n    virtual_router_id 7"));
            assertThatThrownBy(() -> lab.runInNamespace(lab.node(1).namespace(), Duration.ofSeconds(30), () -> {
                try (KernelInterfaceAddresses host = new KernelInterfaceAddresses()) {
                    return new VrrpSettingsMapper(host).instances(config);
                }
            })).isInstanceOf(VrrpStartException.class)
                    .hasMessageContaining("interface lan9 for vrrp_instance A doesn't exist");
        }
    }
}
