package org.keepalived4j.vrrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keepalived4j.vrrp.sim.SimulatedLan.ip;
import static org.keepalived4j.vrrp.sim.SimulatedLan.settings;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.keepalived4j.codec.vrrp.VrrpAdvert;
import org.keepalived4j.vrrp.loop.ThreadEventLoop;

/** Commands from foreign threads are executed by the loop thread, which alone touches the router's state. */
class VrrpRouterThreadingTest {

    @Test
    void commandsAndReceivedAdvertsFromOtherThreadsRunOnTheLoopThread() throws Exception {
        try (ThreadEventLoop loop = new ThreadEventLoop("vrrp-engine").start()) {
            List<Thread> senderThreads = new CopyOnWriteArrayList<>();
            List<Integer> sentPriorities = new CopyOnWriteArrayList<>();
            List<Thread> listenerThreads = new CopyOnWriteArrayList<>();
            CountDownLatch master = new CountDownLatch(1);
            CountDownLatch answeredZero = new CountDownLatch(2); // first advert + answer to priority 0
            CountDownLatch stopped = new CountDownLatch(1);
            VrrpEventListener listener = new VrrpEventListener() {
                @Override
                public void stateChanged(VrrpRouter r, VrrpState from, VrrpState to, StateChangeReason reason) {
                    listenerThreads.add(Thread.currentThread());
                    if (to == VrrpState.MASTER) {
                        master.countDown();
                    } else if (to == VrrpState.STOP) {
                        stopped.countDown();
                    }
                }
            };
            VrrpRouter router = new VrrpRouter(settings("VI_1", 51, 255, 1).advertIntervalSeconds(60).build(), loop,
                    (advert, source) -> {
                        senderThreads.add(Thread.currentThread());
                        sentPriorities.add(advert.priority());
                        answeredZero.countDown();
                    }, VirtualAddressActions.NONE, listener);

            router.start(); // from the test thread
            assertThat(master.await(30, TimeUnit.SECONDS)).isTrue();
            VrrpAdvert zero = new VrrpAdvert(2, 51, 0, 0, 60, List.of(ip("10.0.0.100")), new byte[8]);
            Thread foreign = new Thread(() -> router.receive(new ReceivedAdvert(zero, ip("10.0.0.9"),
                    loop.clock().nanoTime())));
            foreign.start();
            foreign.join(30_000);
            assertThat(answeredZero.await(30, TimeUnit.SECONDS)).isTrue();
            router.stop();
            assertThat(stopped.await(30, TimeUnit.SECONDS)).isTrue();

            assertThat(senderThreads).isNotEmpty().containsOnly(loop.thread());
            assertThat(listenerThreads).containsOnly(loop.thread());
            assertThat(sentPriorities).startsWith(255, 255).endsWith(0);
            assertThat(router.statistics().priorityZeroReceived()).isEqualTo(1);
            assertThat(router.state()).isEqualTo(VrrpState.STOP);
        }
    }
}
