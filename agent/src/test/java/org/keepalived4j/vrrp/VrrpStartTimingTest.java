package org.keepalived4j.vrrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keepalived4j.vrrp.sim.SimulatedLan.settings;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keepalived4j.vrrp.sim.VirtualEventLoop;

/**
 * A start whose own work takes time, as in a fresh JVM where the start-up path runs cold: the Master_Down timer
 * counts from the moment the start began, so a lone backup takes over exactly Master_Down_Interval after it.
 */
class VrrpStartTimingTest {
    private static final Duration SLOW_START_WORK = Duration.ofMillis(7);

    @Test
    void masterDownIntervalCountsFromTheStartNotFromAfterTheStartUpWork() {
        VirtualEventLoop loop = new VirtualEventLoop();
        List<Long> masterAt = new ArrayList<>();
        VirtualAddressActions slowAtStartup = new VirtualAddressActions() {
            @Override
            public void install(List<InetAddress> addresses) {
            }

            @Override
            public void remove(List<InetAddress> addresses, boolean atStartup) {
                if (atStartup) {
                    loop.spend(SLOW_START_WORK); // the stale-VIP removal and its logging, cold
                }
            }

            @Override
            public void announce(List<InetAddress> addresses, int count, AnnounceReason reason) {
            }
        };
        VrrpEventListener listener = new VrrpEventListener() {
            @Override
            public void stateChanged(VrrpRouter router, VrrpState from, VrrpState to, StateChangeReason reason) {
                if (to == VrrpState.MASTER) {
                    masterAt.add(loop.nowNanos());
                }
            }
        };
        VrrpRouterSettings s = settings("VI_1", 51, 100, 2).build();
        VrrpRouter router = new VrrpRouter(s, loop, (advert, source) -> { }, slowAtStartup, listener);
        long startedAt = loop.nowNanos();
        router.start();
        assertThat(loop.nowNanos() - startedAt).as("the start-up work took time").isEqualTo(SLOW_START_WORK.toNanos());

        loop.advanceBy(Duration.ofSeconds(5));

        long masterDown = VrrpTimers.masterDownMicros(s.version(), s.priority(), s.advertIntervalCentis(),
                s.downTimerAdverts()) * 1000;
        assertThat(masterAt).containsExactly(startedAt + masterDown);
    }
}
