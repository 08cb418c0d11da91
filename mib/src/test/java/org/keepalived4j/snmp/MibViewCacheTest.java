package org.keepalived4j.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.keepalived4j.vrrp.VrrpState;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;

/** Requests read the published view; rebuilds happen on the refresher thread after a change, one per burst. */
class MibViewCacheTest {
    private static final OID BASE_PRIORITY_1 = new OID(MibOids.INSTANCE_ENTRY + "."
            + MibOids.COL_INSTANCE_BASE_PRIORITY + ".1");
    private final FakeManagement api = new FakeManagement();
    private final AtomicInteger builds = new AtomicInteger();
    private final RowIndexes rows = new RowIndexes();
    private final MibView.Context ctx = new StubMibContext().ifIndexes(name -> 2).agentStart(api.started)
            .refreshMillis(60_000);

    private MibViewCache cache() {
        return new MibViewCache(() -> {
            builds.incrementAndGet();
            return MibView.build(api, rows, new RowIndexes(), new RowIndexes(), new RowIndexes(), new RowIndexes(),
                    ctx);
        }, 60_000);
    }

    private void setPriority(int priority) {
        api.instances.clear();
        api.instances.add(FakeManagement.instance("VI_1", 51, "eth0", 2, VrrpState.BACKUP, priority, true,
                "10.1.0.1", "10.1.0.100"));
    }

    private static void awaitValue(MibViewCache cache, int expected) throws InterruptedException {
        for (int i = 0; i < 200 && !new Integer32(expected).equals(cache.get().get(BASE_PRIORITY_1)); i++) {
            Thread.sleep(10);
        }
    }

    @Test
    void requestsReadThePublishedViewWithoutBuilding() {
        setPriority(100);
        try (MibViewCache cache = cache()) {
            cache.start();
            assertThat(builds.get()).isEqualTo(1);
            setPriority(120);
            for (int i = 0; i < 1000; i++) {
                assertThat(cache.get().get(BASE_PRIORITY_1)).isEqualTo(new Integer32(100));
            }
            assertThat(builds.get()).isEqualTo(1);
            assertThat(cache.refresh().get(BASE_PRIORITY_1)).isEqualTo(new Integer32(120));
            assertThat(cache.get().get(BASE_PRIORITY_1)).isEqualTo(new Integer32(120));
        }
    }

    @Test
    void aBurstOfChangesIsServedAfterOneRebuildOffTheCallersThread() throws InterruptedException {
        setPriority(100);
        try (MibViewCache cache = cache()) {
            cache.start();
            setPriority(130);
            for (int i = 0; i < 200; i++) {
                cache.changed();
            }
            awaitValue(cache, 130);
            assertThat(cache.get().get(BASE_PRIORITY_1)).isEqualTo(new Integer32(130));
            // the 200 calls fell within one coalescing interval, or very few on a loaded machine
            assertThat(builds.get()).isBetween(2, 4);
        }
    }

    @Test
    void getNextWalksTheSortedSlots() {
        setPriority(100);
        MibView view = MibView.build(api, rows, new RowIndexes(), new RowIndexes(), new RowIndexes(),
                new RowIndexes(), ctx);
        OID previous = null;
        int seen = 0;
        for (var e = view.ceiling(new OID("0")); e != null; e = view.next(e.getKey())) {
            if (previous != null) {
                assertThat(e.getKey().compareTo(previous)).isPositive();
            }
            assertThat(view.get(e.getKey())).isEqualTo(e.getValue());
            previous = e.getKey();
            seen++;
        }
        assertThat(seen).isEqualTo(view.values().size());
        assertThat(view.next(previous)).isNull();
        assertThat(view.ceiling(BASE_PRIORITY_1).getKey()).isEqualTo(BASE_PRIORITY_1);
        assertThat(view.next(BASE_PRIORITY_1).getKey()).isEqualTo(view.values().higherKey(BASE_PRIORITY_1));
    }
}
