package org.keepalived4j.vrrp.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keepalived4j.vrrp.sim.SimulatedLan.ip;
import static org.keepalived4j.vrrp.sim.SimulatedLan.settings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keepalived4j.track.TrackTarget;
import org.keepalived4j.vrrp.StateChangeReason;
import org.keepalived4j.vrrp.VrrpState;
import org.keepalived4j.vrrp.sim.SimNode;
import org.keepalived4j.vrrp.sim.SimulatedLan;

/** Sync groups on the simulated LAN: members follow each other into FAULT, BACKUP and MASTER, as keepalived does. */
class SyncGroupTest {
    /** One host's sync group: its member nodes and coordinator, recording group transitions. */
    record Group(SyncGroupCoordinator coordinator, List<SimNode> members, List<String> log) {
        TrackTarget member(int i) {
            return coordinator.member(members.get(i).router().name());
        }

        void start() {
            coordinator.announceStart();
            members.forEach(SimNode::start);
        }
    }

    private static Group group(SimulatedLan lan, String name, SimNode... members) {
        List<String> log = new ArrayList<>();
        SyncGroupCoordinator c = new SyncGroupCoordinator(name, lan.loop(),
                List.of(members).stream().map(SimNode::router).toList(), (g, from, to) -> log.add(to.name()));
        for (SimNode n : members) {
            n.addListener(c);
        }
        return new Group(c, List.of(members), log);
    }

    /** Host {@code host} (10.0.0.host) running instance {@code name} with VRID {@code vrid} and VIP 10.0.vrid.100. */
    private static SimNode node(SimulatedLan lan, String host, String name, int vrid, int priority, int hostNumber) {
        return lan.add(host + "-" + name, settings(name, vrid, priority, hostNumber)
                .virtualAddresses(List.of(ip("10.0." + vrid + ".100"))).build());
    }

    private static List<SimNode> masters(SimulatedLan lan, int vrid) {
        return lan.masters().stream().filter(n -> n.settings().virtualRouterId() == vrid).toList();
    }

    @Test
    void aFaultyMemberDragsTheGroupIntoFaultAndTheGroupReturnsTogether() {
        SimulatedLan lan = new SimulatedLan();
        SimNode a1 = node(lan, "a", "VI_1", 1, 150, 1);
        SimNode a2 = node(lan, "a", "VI_2", 2, 150, 1);
        SimNode b1 = node(lan, "b", "VI_1", 1, 100, 2);
        SimNode b2 = node(lan, "b", "VI_2", 2, 100, 2);
        Group ga = group(lan, "G1", a1, a2);
        Group gb = group(lan, "G1", b1, b2);
        ga.start();
        gb.start();
        lan.advanceBy(Duration.ofSeconds(6));
        assertThat(lan.masters()).containsExactlyInAnyOrder(a1, a2);
        assertThat(ga.log()).containsExactly("BACKUP", "MASTER");
        assertThat(gb.log()).containsExactly("BACKUP");

        ga.member(0).setFault("track_interface eth1", true);
        assertThat(a1.state()).isEqualTo(VrrpState.FAULT);
        assertThat(a2.state()).isEqualTo(VrrpState.FAULT);
        assertThat(ga.coordinator().state()).isEqualTo(VrrpState.FAULT);
        // the faulty member resigns with priority 0; the member the group drags along leaves without it
        assertThat(a1.sent().get(a1.sent().size() - 1).advert().priority()).isZero();
        assertThat(a2.sent().get(a2.sent().size() - 1).advert().priority()).isEqualTo(150);
        assertThat(a2.installedAddresses()).isEmpty();
        lan.advanceBy(Duration.ofSeconds(5));
        assertThat(lan.masters()).containsExactlyInAnyOrder(b1, b2);
        assertThat(gb.log()).containsExactly("BACKUP", "MASTER");

        ga.member(0).setFault("track_interface eth1", false);
        assertThat(a1.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(a2.state()).isEqualTo(VrrpState.BACKUP);
        lan.advanceBy(Duration.ofSeconds(6));
        assertThat(lan.masters()).containsExactlyInAnyOrder(a1, a2);
        assertThat(ga.log()).containsExactly("BACKUP", "MASTER", "FAULT", "BACKUP", "MASTER");
        assertThat(gb.log()).containsExactly("BACKUP", "MASTER", "BACKUP");
        assertThat(a2.transitions()).extracting(SimNode.Transition::to).containsExactly(VrrpState.BACKUP,
                VrrpState.MASTER, VrrpState.FAULT, VrrpState.BACKUP, VrrpState.MASTER);
    }

    @Test
    void groupStaysInFaultWhileAnyMemberHasAFaultOfItsOwn() {
        SimulatedLan lan = new SimulatedLan();
        SimNode a1 = node(lan, "a", "VI_1", 1, 150, 1);
        SimNode a2 = node(lan, "a", "VI_2", 2, 150, 1);
        Group ga = group(lan, "G1", a1, a2);
        ga.start();
        lan.advanceBy(Duration.ofSeconds(5));
        ga.member(0).setFault("track_script chk", true);
        ga.member(1).setFault("track_file tf", true); // already in FAULT through the group
        ga.member(0).setFault("track_script chk", false);
        lan.advanceBy(Duration.ofSeconds(5));
        assertThat(a1.state()).isEqualTo(VrrpState.FAULT);
        assertThat(a2.state()).isEqualTo(VrrpState.FAULT);
        ga.member(1).setFault("track_file tf", false);
        assertThat(a1.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(a2.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(ga.coordinator().state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void aMemberLosingMastershipTakesTheOtherMastersToBackup() {
        SimulatedLan lan = new SimulatedLan();
        SimNode a1 = node(lan, "a", "VI_1", 1, 150, 1);
        SimNode a2 = node(lan, "a", "VI_2", 2, 150, 1);
        SimNode b1 = node(lan, "b", "VI_1", 1, 100, 2);
        SimNode b2 = node(lan, "b", "VI_2", 2, 100, 2);
        Group ga = group(lan, "G1", a1, a2);
        Group gb = group(lan, "G1", b1, b2);
        ga.start();
        gb.start();
        lan.advanceBy(Duration.ofSeconds(6));
        assertThat(lan.masters()).containsExactlyInAnyOrder(a1, a2);

        // b's VI_1 alone at 200: it wants MASTER, but its sibling hears a higher master, so b's group stays BACKUP
        b1.router().setPriorityAdjustment(100);
        lan.advanceBy(Duration.ofSeconds(10));
        assertThat(lan.masters()).containsExactlyInAnyOrder(a1, a2);
        assertThat(b1.router().wantsMaster()).isTrue();

        // now both of b's members outrank a's: b's group takes over, a's masters leave together
        b2.router().setPriorityAdjustment(100);
        lan.advanceBy(Duration.ofSeconds(10));
        assertThat(lan.masters()).containsExactlyInAnyOrder(b1, b2);
        assertThat(a1.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(a2.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(List.of(a1, a2)).anyMatch(n -> n.transitions().stream().anyMatch(
                t -> t.reason() == StateChangeReason.SYNC_GROUP && t.to() == VrrpState.BACKUP));
        assertThat(ga.log()).containsExactly("BACKUP", "MASTER", "BACKUP");
        assertThat(gb.log()).containsExactly("BACKUP", "MASTER");
        lan.advanceBy(Duration.ofSeconds(20));
        assertThat(lan.masters()).containsExactlyInAnyOrder(b1, b2);
    }

    @Test
    void twoForwardersActiveActiveWithFourInstances() {
        SimulatedLan lan = new SimulatedLan();
        // host a: G1 (VI_1, VI_2) preferred, G2 (VI_3, VI_4) standby; host b: the opposite
        SimNode a1 = node(lan, "a", "VI_1", 1, 150, 1);
        SimNode a2 = node(lan, "a", "VI_2", 2, 150, 1);
        SimNode a3 = node(lan, "a", "VI_3", 3, 100, 1);
        SimNode a4 = node(lan, "a", "VI_4", 4, 100, 1);
        SimNode b1 = node(lan, "b", "VI_1", 1, 100, 2);
        SimNode b2 = node(lan, "b", "VI_2", 2, 100, 2);
        SimNode b3 = node(lan, "b", "VI_3", 3, 150, 2);
        SimNode b4 = node(lan, "b", "VI_4", 4, 150, 2);
        Group ag1 = group(lan, "G1", a1, a2);
        Group ag2 = group(lan, "G2", a3, a4);
        Group bg1 = group(lan, "G1", b1, b2);
        Group bg2 = group(lan, "G2", b3, b4);
        List.of(ag1, ag2, bg1, bg2).forEach(Group::start);
        lan.advanceBy(Duration.ofSeconds(6));
        assertThat(lan.masters()).containsExactlyInAnyOrder(a1, a2, b3, b4);

        // a's external link (tracked by VI_1) fails: all of G1 moves to b, G2 stays where it is
        ag1.member(0).setFault("track_interface eth0", true);
        lan.advanceBy(Duration.ofSeconds(5));
        assertThat(lan.masters()).containsExactlyInAnyOrder(b1, b2, b3, b4);
        assertThat(a1.state()).isEqualTo(VrrpState.FAULT);
        assertThat(a2.state()).isEqualTo(VrrpState.FAULT);
        assertThat(a3.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(a4.state()).isEqualTo(VrrpState.BACKUP);

        // b's internal link (tracked by VI_4) fails too: G2 moves to a although a's G1 is in FAULT
        bg2.member(1).setFault("track_interface eth1", true);
        lan.advanceBy(Duration.ofSeconds(5));
        assertThat(lan.masters()).containsExactlyInAnyOrder(b1, b2, a3, a4);

        ag1.member(0).setFault("track_interface eth0", false);
        bg2.member(1).setFault("track_interface eth1", false);
        lan.advanceBy(Duration.ofSeconds(8));
        assertThat(lan.masters()).containsExactlyInAnyOrder(a1, a2, b3, b4);
        assertThat(ag1.log()).containsExactly("BACKUP", "MASTER", "FAULT", "BACKUP", "MASTER");
        assertThat(bg2.log()).containsExactly("BACKUP", "MASTER", "FAULT", "BACKUP", "MASTER");
        assertThat(ag2.log()).containsExactly("BACKUP", "MASTER", "BACKUP");
    }

    @Test
    void membersGoMasterTogetherOnlyWhenAllWantTo() {
        SimulatedLan lan = new SimulatedLan();
        SimNode a1 = node(lan, "a", "VI_1", 1, 150, 1);
        SimNode a2 = node(lan, "a", "VI_2", 2, 100, 1); // a longer skew: its down timer expires later
        Group ga = group(lan, "G1", a1, a2);
        ga.start();
        lan.advanceBy(Duration.ofSeconds(5));
        // both became MASTER at the same instant, when the later down timer expired
        long t1 = a1.transitionsTo(VrrpState.MASTER).get(0).atNanos();
        long t2 = a2.transitionsTo(VrrpState.MASTER).get(0).atNanos();
        assertThat(t1).isEqualTo(t2);
        assertThat(a1.transitionsTo(VrrpState.MASTER).get(0).reason()).isEqualTo(StateChangeReason.SYNC_GROUP);
        assertThat(ga.log()).containsExactly("BACKUP", "MASTER");
    }
}
