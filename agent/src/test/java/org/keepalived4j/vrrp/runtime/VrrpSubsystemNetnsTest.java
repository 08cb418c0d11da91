package org.keepalived4j.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.keepalived4j.testlab.LabNode;
import org.keepalived4j.testlab.NetnsLab;
import org.keepalived4j.vrrp.VrrpEventListener;
import org.keepalived4j.vrrp.VrrpRouter;
import org.keepalived4j.vrrp.VrrpRouterSettings;
import org.keepalived4j.vrrp.VrrpState;

/** Reload: the running router takes the changed settings in place (no restart); an unchanged one is left alone. */
@Tag("netns")
class VrrpSubsystemNetnsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Test
    void reloadAppliesChangedSettingsToTheRunningRouter() throws Exception {
        NetnsLab.assumeAvailable();
        try (NetnsLab lab = NetnsLab.builder("vnet-sub").nodes(2).build()) {
            LabNode a = lab.node(1);
            LabNode b = lab.node(2);
            AtomicReference<List<VrrpInstanceSpec>> specs = new AtomicReference<>(List.of(spec(a, 150)));
            VrrpSubsystem subsystem = new VrrpSubsystem(config -> specs.get(), VrrpEventListener.NONE);
            VrrpRuntime other = null;
            try {
                inNamespace(lab, a, () -> subsystem.start(null));
                other = lab.runInNamespace(b.namespace(),
                        () -> VrrpRuntime.start(List.of(spec(b, 100)), VrrpEventListener.NONE));
                VrrpRuntime peer = other;
                Awaitility.await("a MASTER").atMost(TIMEOUT).until(() -> subsystem.routers().get(0).state() == VrrpState.MASTER
                        && peer.routers().get(0).state() == VrrpState.BACKUP);

                VrrpRouter before = subsystem.routers().get(0);
                inNamespace(lab, a, () -> subsystem.reload(null)); // same instances
                assertThat(subsystem.routers().get(0)).isSameAs(before);

                specs.set(List.of(spec(a, 50)));
                inNamespace(lab, a, () -> subsystem.reload(null));
                assertThat(subsystem.routers().get(0)).isSameAs(before);
                Awaitility.await("priority 50 applied").atMost(TIMEOUT).until(() -> before.basePriority() == 50);
                assertThat(before.statistics().becomeMaster()).as("counters kept").isEqualTo(1);
                Awaitility.await("b MASTER after a's priority dropped").atMost(TIMEOUT).until(
                        () -> peer.routers().get(0).state() == VrrpState.MASTER
                                && subsystem.routers().get(0).state() == VrrpState.BACKUP);
            } finally {
                inNamespace(lab, a, subsystem::stop);
                if (other != null) {
                    VrrpRuntime o = other;
                    inNamespace(lab, b, o::stop);
                }
            }
            assertThat(subsystem.routers()).isEmpty();
        }
    }

    private static void inNamespace(NetnsLab lab, LabNode node, Runnable r) throws Exception {
        lab.runInNamespace(node.namespace(), () -> {
            r.run();
            return null;
        });
    }

    private static VrrpInstanceSpec spec(LabNode node, int priority) throws Exception {
        return VrrpInstanceSpec.of(VrrpRouterSettings.builder("VI_1", 51)
                .version(3)
                .advertIntervalCentis(20)
                .priority(priority)
                .virtualAddresses(List.of(InetAddress.getByName("10.77.0.100")))
                .primaryAddress(InetAddress.getByName(node.ipv4()))
                .build(), "lan0");
    }
}
