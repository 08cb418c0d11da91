package org.keepalived4j.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.HostEnvironment;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.ScriptCommand;
import org.keepalived4j.config.syntax.ReadOptions;

/** Script security as keepalived: missing or insecure scripts are not run; the user comes from the script or globals. */
class ScriptPolicyTest {
    @TempDir
    Path dir;

    @Test
    void missingAndGroupWritableScriptsAreDisabledOthersRunAsScriptUser() throws Exception {
        Path good = dir.resolve("good.sh");
        Files.writeString(good, "#!/bin/sh\n");
        Files.setPosixFilePermissions(good, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path insecure = dir.resolve("insecure.sh");
        Files.writeString(insecure, "#!/bin/sh\n");
        Files.setPosixFilePermissions(insecure, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        String conf = """
                global_defs {
                  enable_script_security
                  script_user root
                }
                vrrp_script chk { script "%s" }
                vrrp_instance VI_1 {
                  interface eth0
                  virtual_router_id 51
                  priority 100
                  virtual_ipaddress { 10.0.0.100/24 }
                  track_script { chk }
                  notify_master "%s"
                  notify_backup "%s"
                  notify_fault "%s nobody"
                }
                """.formatted(good, insecure, dir.resolve("missing.sh"), good);
        HostEnvironment host = HostEnvironment.system();
        KeepalivedConfig config = ConfigLoader.loadString(conf, dir.resolve("k.conf"), ReadOptions.defaults(), host).config();
        ScriptPolicy policy = ScriptPolicy.fromModel(config, host);
        var vi = config.vrrp().instances().get(0);
        assertThat(policy.allowed(config.vrrp().script("chk").orElseThrow().script())).isTrue();
        assertThat(policy.allowed(vi.notifyScripts().master().orElseThrow())).isFalse();
        assertThat(policy.allowed(vi.notifyScripts().backup().orElseThrow())).isFalse();
        assertThat(policy.runAs(config.vrrp().script("chk").orElseThrow().script()).user()).contains("root");
        ScriptCommand own = new ScriptCommand(good.toString(), Optional.of("nobody"), Optional.empty());
        assertThat(policy.runAs(own).user()).contains("nobody");
        assertThat(policy.runAs(own).prefix("root")).startsWith("setpriv", "--reuid", "nobody");
        assertThat(List.of(policy.runAs(ScriptCommand.of(good.toString())).prefix("root"))).containsExactly(List.of());
    }
}
