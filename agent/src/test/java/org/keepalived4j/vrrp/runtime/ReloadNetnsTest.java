package org.keepalived4j.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.daemon.NamespaceDaemons;
import org.keepalived4j.testlab.LabNode;
import org.keepalived4j.testlab.NetnsLab;

/**
 * SIGHUP to a running MASTER after editing its keepalived.conf, two daemons in namespaces, the adverts captured by
 * tshark in the backup's namespace: the surviving instance stays MASTER (no priority-0 advert, the backup never
 * takes over), its removed VIP goes, its added VIP comes, its new priority is in the adverts; the removed instance
 * resigns with priority 0 and the backup takes it over; the new instance starts and becomes MASTER.
 */
@Tag("netns")
class ReloadNetnsTest {
    private static final String NET = "10.101.0";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private NetnsLab lab;

    @AfterEach
    void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    /** One vrrp_instance block: advert_int 1, host VIPs on lan0. */
    private static String instance(String name, int vrid, int priority, String... vips) {
        String addresses = Arrays.stream(vips).map(v -> "        " + NET + "." + v + "/32\n")
                .collect(Collectors.joining());
        return """
                vrrp_instance %s {
                    state BACKUP
                    interface lan0
                    virtual_router_id %d
                    priority %d
                    advert_int 1
                    virtual_ipaddress {
                %s    }
                }
                """.formatted(name, vrid, priority, addresses);
    }

    /** vrrp_skip_check_adv_addr: the backup still accepts its master's adverts while only the master has reloaded. */
    private static String conf(LabNode node, String... instances) {
        return "global_defs {\n    router_id " + node.namespace() + "\n    vrrp_skip_check_adv_addr\n}\n"
                + String.join("", instances);
    }

    /** One captured advert: source, VRID, priority. */
    private record Advert(String source, int vrid, int priority) {
    }

    private static List<Advert> adverts(Path capture) throws Exception {
        if (!Files.exists(capture)) {
            return List.of();
        }
        return Files.readAllLines(capture).stream().map(l -> l.split("\t"))
                .filter(f -> f.length == 3 && f[1].matches("\\d+") && f[2].matches("\\d+"))
                .map(f -> new Advert(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]))).toList();
    }

    private static long count(String log, String text) {
        return log.split(java.util.regex.Pattern.quote(text), -1).length - 1;
    }

    @Test
    void sighupKeepsTheMasterAppliesItsChangesStopsRemovedAndStartsNewInstances() throws Exception {
        NetnsLab.assumeAvailable();
        lab = NetnsLab.builder("reload").subnet(NET).nodes(2).build();
        LabNode a = lab.node(1);
        LabNode b = lab.node(2);
        NamespaceDaemons daemons = new NamespaceDaemons(lab, dir);
        NamespaceDaemons.Running backup = daemons.start(b, conf(b, instance("VI_1", 51, 100, "100", "101"),
                instance("VI_2", 52, 100, "110")), null);
        NamespaceDaemons.Running master = daemons.start(a, conf(a, instance("VI_1", 51, 150, "100", "101"),
                instance("VI_2", 52, 150, "110")), null);
        List<LabNode> both = List.of(a, b);
        Awaitility.await("a MASTER of VI_1 and VI_2").atMost(TIMEOUT).until(() -> daemons.onlyOn(a, both, NET + ".100")
                && daemons.onlyOn(a, both, NET + ".101") && daemons.onlyOn(a, both, NET + ".110"));

        Path capture = dir.resolve("adverts.tsv");
        Process tshark = lab.start(b.namespace(), List.of("tshark", "-i", "lan0", "-l", "-n", "-Q", "-f",
                "ip proto 112", "-T", "fields", "-e", "ip.src", "-e", "vrrp.virt_rtr_id", "-e", "vrrp.prio"), capture);
        Awaitility.await("tshark sees a's adverts").atMost(TIMEOUT).until(() -> adverts(capture).stream()
                .anyMatch(ad -> ad.source().equals(a.ipv4()) && ad.vrid() == 51));
        int before = adverts(capture).size();

        // VI_1: priority 150 -> 200, VIP .101 -> .102; VI_2 removed; VI_3 new
        daemons.rewriteConf(a, conf(a, instance("VI_1", 51, 200, "100", "102"), instance("VI_3", 53, 150, "120")));
        master.signal("HUP");
        Awaitility.await("a reloaded").atMost(TIMEOUT).until(() -> master.log().contains("VRRP reloaded"));
        Awaitility.await("VIP .102 on a, .101 gone").atMost(TIMEOUT).until(() -> daemons.onlyOn(a, both, NET + ".102")
                && !daemons.hasAddress(a, NET + ".101"));
        Awaitility.await("the backup takes over the removed VI_2").atMost(TIMEOUT).until(() -> daemons.onlyOn(b, both, NET + ".110"));
        Awaitility.await("the new VI_3 becomes MASTER").atMost(TIMEOUT).until(() -> daemons.onlyOn(a, both, NET + ".120"));
        Awaitility.await("a's adverts carry priority 200").atMost(TIMEOUT).until(() -> adverts(capture).stream().skip(before)
                .filter(ad -> ad.source().equals(a.ipv4()) && ad.vrid() == 51).count() >= 3);
        try {
            Awaitility.await("VI_3's adverts").atMost(TIMEOUT).until(() -> adverts(capture).stream()
                    .anyMatch(ad -> ad.source().equals(a.ipv4()) && ad.vrid() == 53));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + master.log(), e);
        }
        lab.stop(tshark, Duration.ofSeconds(5));

        List<Advert> after = adverts(capture).subList(before, adverts(capture).size());
        List<Integer> vi1 = after.stream().filter(ad -> ad.source().equals(a.ipv4()) && ad.vrid() == 51)
                .map(Advert::priority).toList();
        assertThat(vi1).as("VI_1 from a: no priority 0, the new priority from the first advert after the reload on")
                .doesNotContain(0).endsWith(200, 200, 200);
        assertThat(vi1.subList(vi1.indexOf(200), vi1.size())).containsOnly(200);
        assertThat(after).as("VI_1 only ever came from a").filteredOn(ad -> ad.vrid() == 51)
                .allSatisfy(ad -> assertThat(ad.source()).isEqualTo(a.ipv4()));
        assertThat(after).as("the removed VI_2 resigned once with priority 0")
                .filteredOn(ad -> ad.source().equals(a.ipv4()) && ad.vrid() == 52 && ad.priority() == 0).hasSize(1);
        assertThat(after).as("VI_3 from a at 150").anySatisfy(ad -> assertThat(ad).isEqualTo(
                new Advert(a.ipv4(), 53, 150)));

        String masterLog = master.log();
        assertThat(count(masterLog, "(VI_1) Entering MASTER STATE")).as("VI_1 became MASTER once, before the reload")
                .isEqualTo(1);
        assertThat(masterLog).contains("(VI_1) reloaded in place (MASTER, priority 200")
                .contains("(VI_2) removed at reload");
        String backupLog = backup.log();
        assertThat(backupLog).doesNotContain("(VI_1) Entering MASTER STATE")
                .doesNotContain("(VI_1) Backup received priority 0").contains("(VI_2) Entering MASTER STATE");
        assertThat(daemons.hasAddress(a, NET + ".100")).isTrue();

        assertThat(master.stop()).isZero();
        assertThat(backup.stop()).isZero();
    }
}
