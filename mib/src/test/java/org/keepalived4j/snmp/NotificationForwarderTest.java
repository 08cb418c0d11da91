package org.keepalived4j.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keepalived4j.management.Actor;
import org.keepalived4j.management.ManagementEvent;
import org.keepalived4j.management.SyncGroupSnapshot;
import org.keepalived4j.vrrp.RejectReason;
import org.keepalived4j.vrrp.StateChangeReason;
import org.keepalived4j.vrrp.VrrpState;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;

class NotificationForwarderTest {
    private final FakeManagement api = new FakeManagement();
    private final List<NotificationForwarder.Notification> sent = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final AuditTrail audit = new AuditTrail(3);
    private NotificationForwarder forwarder;

    @BeforeEach
    void setUp() {
        api.instances.add(FakeManagement.instance("VI_1", 51, "eth0", 2, VrrpState.BACKUP, 100, true, "10.1.0.1",
                "10.1.0.100"));
        api.instances.add(FakeManagement.instance("VI_2", 52, "eth0", 3, VrrpState.BACKUP, 90, true, "10.1.0.1",
                "10.1.0.110"));
        RowIndexes rows = new RowIndexes();
        MibView.Context ctx = new StubMibContext().ifIndexes(name -> 7).trapsEnabled(true).audit(audit::rows);
        MibViewCache views = new MibViewCache(() -> MibView.build(api, rows, new RowIndexes(), new RowIndexes(),
                new RowIndexes(), new RowIndexes(), ctx), 0);
        forwarder = new NotificationForwarder(views, (trap, vbs) ->
                sent.add(new NotificationForwarder.Notification(trap, vbs)), audit, 3, 6, clock::get);
    }

    private ManagementEvent.StateChanged change(long seq, String name, VrrpState from, VrrpState to) {
        return new ManagementEvent.StateChanged(seq, Instant.now(), "LAB", name, 51, from, to,
                StateChangeReason.MASTER_DOWN, VrrpState.BACKUP, 100, seq);
    }

    private List<String> trapOids() {
        return sent.stream().map(n -> n.trap().toDottedString()).toList();
    }

    @Test
    void becomingMasterSendsKeepalivedsThreeNotificationsInOrderWithRowIndexes() {
        forwarder.onEvent(change(1, "VI_1", VrrpState.BACKUP, VrrpState.MASTER));
        assertThat(trapOids()).containsExactly(MibOids.INSTANCE_STATE_CHANGE, MibOids.VRRP_TRAP_NEW_MASTER,
                MibOids.VRRPV3_NEW_MASTER);
        assertThat(sent.get(0).varbinds()).extracting(VariableBinding::getOid).containsExactly(
                new OID(MibOids.INSTANCE_ENTRY + ".2.1"), new OID(MibOids.INSTANCE_ENTRY + ".4.1"),
                new OID(MibOids.INSTANCE_ENTRY + ".5.1"), new OID(MibOids.ROUTER_ID));
        assertThat(sent.get(0).varbinds().get(1).getVariable().toInt()).as("master(2)").isEqualTo(2);
        assertThat(sent.get(1).varbinds().get(0).getOid()).isEqualTo(new OID(MibOids.VRRP_OPER_ENTRY + ".7.7.51"));
        assertThat(sent.get(2).varbinds().get(1).getOid()).isEqualTo(new OID(MibOids.VRRPV3_STATS_ENTRY + ".2.7.51.1"));
        assertThat(sent.get(2).varbinds().get(1).getVariable().toInt()).as("masterNoResponse(3)").isEqualTo(3);
    }

    @Test
    void flappingIsRateLimitedPerInstanceAndCounted() {
        for (int i = 1; i <= 10; i++) {
            forwarder.onEvent(change(i, "VI_2", VrrpState.BACKUP, VrrpState.FAULT));
        }
        assertThat(sent).hasSize(3);
        assertThat(forwarder.suppressed()).isEqualTo(7);
        forwarder.onEvent(change(11, "VI_1", VrrpState.BACKUP, VrrpState.FAULT));
        assertThat(sent).as("another instance has its own budget").hasSize(4);
        clock.addAndGet(10_000_000_000L); // 10 s at 6 per minute refills one token
        forwarder.onEvent(change(12, "VI_2", VrrpState.FAULT, VrrpState.BACKUP));
        forwarder.onEvent(change(13, "VI_2", VrrpState.BACKUP, VrrpState.FAULT));
        assertThat(sent).hasSize(5);
        assertThat(forwarder.suppressed()).isEqualTo(8);
    }

    @Test
    void protocolErrorsMapToAuthFailureOrVrrpv3ProtoError() {
        forwarder.onEvent(new ManagementEvent.ProtocolError(1, Instant.now(), "LAB", "VI_1", 51,
                RejectReason.AUTH_TYPE_MISMATCH, "authTypeMismatch", FakeManagement.ip("10.1.0.9")));
        forwarder.onEvent(new ManagementEvent.ProtocolError(2, Instant.now(), "LAB", "VI_2", 52, RejectReason.IP_TTL,
                null, FakeManagement.ip("10.1.0.9")));
        forwarder.onEvent(new ManagementEvent.ProtocolError(3, Instant.now(), "LAB", "VI_2", 52,
                RejectReason.ADDRESS_LIST, null, FakeManagement.ip("10.1.0.9")));
        assertThat(trapOids()).containsExactly(MibOids.VRRP_TRAP_AUTH_FAILURE, MibOids.VRRPV3_PROTO_ERROR);
        assertThat(sent.get(0).varbinds().get(1).getVariable().toInt()).as("authTypeMismatch(2)").isEqualTo(2);
        assertThat(sent.get(1).varbinds().get(0).getOid()).isEqualTo(new OID(MibOids.VRRPV3_STATS_ENTRY + ".6.7.52.1"));
        assertThat(sent.get(1).varbinds().get(0).getVariable().toInt()).as("ipTtlError(1)").isEqualTo(1);
    }

    @Test
    void syncGroupStateChangesFollowTheirMembers() {
        api.groups.add(new SyncGroupSnapshot("G1", List.of("VI_1", "VI_2"), VrrpState.BACKUP));
        forwarder.primeSyncGroups();
        api.groups.set(0, new SyncGroupSnapshot("G1", List.of("VI_1", "VI_2"), VrrpState.MASTER));
        forwarder.onEvent(change(1, "VI_2", VrrpState.BACKUP, VrrpState.MASTER));
        assertThat(trapOids()).endsWith(MibOids.SYNC_GROUP_STATE_CHANGE);
        NotificationForwarder.Notification n = sent.get(sent.size() - 1);
        assertThat(n.varbinds().get(0).getOid()).isEqualTo(new OID(MibOids.SYNC_GROUP_ENTRY + ".2.1"));
        assertThat(n.varbinds().get(0).getVariable().toString()).isEqualTo("G1");
        assertThat(n.varbinds().get(1).getVariable().toInt()).isEqualTo(2);
    }

    @Test
    void liveSettingChangesAreKeptInABoundedAuditTrail() {
        for (int i = 1; i <= 5; i++) {
            int seq = i;
            forwarder.onEvent(new ManagementEvent.LiveSettingChanged(seq, Instant.now(), "LAB", "VI_1", "priority",
                    "100", Integer.toString(100 + seq), Actor.snmp("rw")));
        }
        assertThat(audit.rows()).extracting(ManagementEvent::sequence).containsExactly(3L, 4L, 5L);
        assertThat(trapOids()).as("rate limited to the burst of 3").hasSize(3)
                .allMatch(MibOids.K4J_LIVE_SETTING_CHANGE::equals);
        assertThat(sent.get(0).varbinds().get(0).getOid()).isEqualTo(new OID(MibOids.K4J_AUDIT_ENTRY + ".3.1"));
    }
}
