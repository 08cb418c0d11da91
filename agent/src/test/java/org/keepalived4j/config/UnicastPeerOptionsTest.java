package org.keepalived4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keepalived4j.config.ConfTestSupport.errors;
import static org.keepalived4j.config.ConfTestSupport.load;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.keepalived4j.config.model.vrrp.UnicastPeer;
import org.keepalived4j.config.model.vrrp.VrrpInstance;

/** {@code unicast_peer { ADDRESS [min_ttl N] [max_ttl N] }} as keepalived 2.2.7 reads it (messages from its -t). */
class UnicastPeerOptionsTest {
    private static ConfigLoader.Result instance(String peers, String extra) {
        return load("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    unicast_src_ip 10.0.0.1
                    unicast_peer {
                %s
                    }
                %s
                    virtual_ipaddress {
                        10.0.0.100/32
                    }
                }
                """.formatted(peers, extra));
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void ttlRangePerPeerTurnsOnCheckUnicastSrc() throws Exception {
        ConfigLoader.Result r = instance("        10.0.0.2 min_ttl 250\n        10.0.0.3\n        10.0.0.4 max_ttl 10 min_ttl 2", "");
        assertThat(errors(r)).isEmpty();
        VrrpInstance vi = r.config().vrrp().instances().get(0);
        assertThat(vi.unicastPeers()).containsExactly(new UnicastPeer(ip("10.0.0.2"), 250, 255),
                new UnicastPeer(ip("10.0.0.3"), 0, 255), new UnicastPeer(ip("10.0.0.4"), 2, 10));
        assertThat(vi.checkUnicastSource()).isTrue();
    }

    @Test
    void noRangeLeavesCheckUnicastSrcOff() {
        VrrpInstance vi = instance("        10.0.0.2", "").config().vrrp().instances().get(0);
        assertThat(vi.checkUnicastSource()).isFalse();
        assertThat(instance("        10.0.0.2", "    check_unicast_src").config().vrrp().instances().get(0)
                .checkUnicastSource()).isTrue();
    }

    @Test
    void badOptionsAreLocatedErrors() {
        assertThat(errors(instance("        10.0.0.2 foo 3", ""))).containsExactly(
                "test.conf:6: error: (VI_1) unknown unicast_peer option foo");
        assertThat(errors(instance("        10.0.0.2 min_ttl", ""))).containsExactly(
                "test.conf:6: error: (VI_1) min_ttl is missing a value");
        assertThat(errors(instance("        10.0.0.2 max_ttl 10 min_ttl 20", ""))).containsExactly(
                "test.conf:6: error: (VI_1) min_ttl 20 > max_ttl 10 - all packets will be discarded");
        assertThat(errors(instance("        10.0.0.2 min_ttl 300", ""))).singleElement().asString()
                .startsWith("test.conf:6: error:").contains("300");
    }
}
