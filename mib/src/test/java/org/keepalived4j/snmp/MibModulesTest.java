package org.keepalived4j.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The MIB modules in mib/mibs compile cleanly with net-snmp and define what the agent serves. */
class MibModulesTest {
    private static Map<String, String> env;

    @BeforeAll
    static void tools() {
        assumeTrue(NetSnmp.available("snmptranslate"), "net-snmp's snmptranslate is not installed");
        env = Map.of("MIBDIRS", NetSnmp.mibDir() + ":" + NetSnmp.baseMibDir(), "MIBS", "");
    }

    private static NetSnmp.Result translate(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("snmptranslate", "-m", "ALL"));
        cmd.addAll(Arrays.asList(args));
        return NetSnmp.run(env, cmd);
    }

    @Test
    void everyModuleLoadsWithoutAnyDiagnostic() throws Exception {
        NetSnmp.Result r = translate("-Tp");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).as("snmptranslate diagnostics").isEmpty();
        assertThat(r.stdout()).contains("vrrpInstanceBasePriority", "vrrpOperPriority", "vrrpv3OperationsPriority",
                "k4jInstanceLastTransition", "k4jAuditNewValue");
        try (var files = Files.list(NetSnmp.mibDir())) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("KEEPALIVED-MIB.txt", "VRRP-MIB.txt",
                    "VRRPv3-MIB.txt", "KEEPALIVED4J-MIB.txt");
        }
    }

    @Test
    void namesResolveToTheOidsTheAgentServes() throws Exception {
        NetSnmp.Result r = translate("-On", "KEEPALIVED-MIB::vrrpInstanceBasePriority",
                "KEEPALIVED-MIB::vrrpInstancePreempt", "KEEPALIVED-MIB::vrrpInstanceStateChange",
                "VRRP-MIB::vrrpOperPriority", "VRRPV3-MIB::vrrpv3OperationsPriority",
                "KEEPALIVED4J-MIB::k4jInstanceEntry", "KEEPALIVED4J-MIB::k4jAuditEntry",
                "KEEPALIVED4J-MIB::k4jLiveSettingChange", "KEEPALIVED-MIB::routerId");
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout().lines().filter(l -> !l.isBlank()).toList()).containsExactly(
                "." + MibOids.INSTANCE_ENTRY + "." + MibOids.COL_INSTANCE_BASE_PRIORITY,
                "." + MibOids.INSTANCE_ENTRY + "." + MibOids.COL_INSTANCE_PREEMPT,
                "." + MibOids.INSTANCE_STATE_CHANGE,
                "." + MibOids.VRRP_OPER_ENTRY + "." + MibOids.COL_OPER_PRIORITY,
                "." + MibOids.VRRPV3_OPER_ENTRY + "." + MibOids.COL_V3_OPER_PRIORITY,
                "." + MibOids.K4J_INSTANCE_ENTRY,
                "." + MibOids.K4J_AUDIT_ENTRY,
                "." + MibOids.K4J_LIVE_SETTING_CHANGE,
                "." + MibOids.ROUTER_ID.substring(0, MibOids.ROUTER_ID.length() - 2));
    }

    /**
     * Same names, OIDs, syntaxes, access, indexes and enumerations as keepalived's own KEEPALIVED-MIB in every subtree
     * (global, vrrp, check, conformance), compared with Debian's copy when the keepalived package is installed.
     */
    @Test
    void treeMatchesKeepalivedsModule() throws Exception {
        Path theirs = Path.of("/usr/share/snmp/mibs/KEEPALIVED-MIB.txt");
        assumeTrue(Files.isRegularFile(theirs), "keepalived's KEEPALIVED-MIB is not installed");
        Map<String, String> theirEnv = Map.of("MIBDIRS", theirs.getParent() + ":" + NetSnmp.baseMibDir(), "MIBS", "");
        for (String tree : List.of("KEEPALIVED-MIB::global", "KEEPALIVED-MIB::vrrp", "KEEPALIVED-MIB::check",
                "KEEPALIVED-MIB::conformance", "KEEPALIVED-MIB::keepalived")) {
            NetSnmp.Result ours = NetSnmp.run(env, List.of("snmptranslate", "-m", "KEEPALIVED-MIB", "-Tp", tree));
            NetSnmp.Result ref = NetSnmp.run(theirEnv, List.of("snmptranslate", "-m", "KEEPALIVED-MIB", "-Tp", tree));
            assertThat(ref.stdout()).as("reference tree " + tree).contains("+--");
            assertThat(ours.stdout()).as(tree).isEqualTo(ref.stdout());
        }
    }
}
