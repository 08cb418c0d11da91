package org.keepalived4j.config.bind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.Diagnostic;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.HostEnvironment;
import org.keepalived4j.config.SourceLocation;
import org.keepalived4j.config.model.GlobalDefs;
import org.keepalived4j.config.model.ScriptCommand;
import org.keepalived4j.config.syntax.ReadOptions;

/** Script checks against real files: ownership and modes as keepalived's enable_script_security sees them. */
class ScriptSecurityCheckTest {
    @TempDir
    Path dir;

    /** The real file system, but no keepalived_script user (so unset users mean root). */
    private static final HostEnvironment HOST = new HostEnvironment() {
        private final HostEnvironment system = HostEnvironment.system();

        @Override
        public boolean interfaceExists(String name) {
            return true;
        }

        @Override
        public boolean isExecutableFile(Path path) {
            return system.isExecutableFile(path);
        }

        @Override
        public boolean userExists(String name) {
            return false;
        }
    };

    private Path script(String name, String mode) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        return p;
    }

    private static List<String> findings(String conf) {
        ConfigLoader.Result r = ConfigLoader.loadString(conf, Path.of("test.conf"), new ReadOptions("host"), HOST);
        return r.diagnostics().stream().map(Diagnostic::toString).toList();
    }

    private static String config(String globals, String scriptPath) {
        return """
                vrrp_script s {
                    script "%s --check"
                }
                vrrp_script unused {
                    script /nonexistent/unused.sh
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 1
                    virtual_ipaddress {
                        10.0.0.1
                    }
                    track_script {
                        s
                    }
                }
                global_defs {
                %s
                }
                """.formatted(scriptPath, globals);
    }

    @Test
    void rootScriptsWithoutScriptSecurityAreASecurityViolation() throws IOException {
        Path s = script("ok.sh", "rwxr-xr-x");
        assertThat(findings(config("", s.toString())))
                .containsExactly("test.conf:2: error: SECURITY VIOLATION - scripts are being executed but script_security not enabled.");
        assertThat(findings(config("script_user nobody", s.toString()))).as("not run as root").isEmpty();
    }

    @Test
    void missingScriptsAreDisabledOnlyWithScriptSecurity() {
        // observed: keepalived 2.2.7 -t exits 0 and says nothing for a missing script without enable_script_security
        assertThat(findings(config("enable_script_security\nscript_user root", "/nonexistent/chk.sh")))
                .containsExactly("test.conf:2: error: Disabling track script s since not found/accessible: /nonexistent/chk.sh");
        assertThat(findings(config("script_user nobody", "/nonexistent/chk.sh"))).singleElement().asString()
                .startsWith("test.conf:2: warning: track script s: /nonexistent/chk.sh not found");
        assertThat(findings(config("", "/nonexistent/chk.sh"))).as("a missing script run as root is no security violation")
                .singleElement().asString().startsWith("test.conf:2: warning:");
    }

    @Test
    void writableScriptsOrDirectoriesAreInsecureWithScriptSecurity() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "ownership checks need files owned by root");
        Path secure = script("secure.sh", "rwxr-xr-x");
        assertThat(findings(config("enable_script_security\nscript_user root", secure.toString()))).isEmpty();
        Path worldWritable = script("open.sh", "rwxrwxrwx");
        assertThat(findings(config("enable_script_security\nscript_user root", worldWritable.toString())))
                .containsExactly("test.conf:2: error: Disabling track script s due to insecure: " + worldWritable
                        + " or a directory above it is writable by a non-root user");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(findings(config("enable_script_security\nscript_user root", secure.toString())))
                .as("a writable directory above the script").hasSize(1).first().asString().contains("due to insecure");
    }

    @Test
    void scriptSecurityWithoutAnyScriptUserCannotPickOne() throws IOException {
        Path s = script("ok.sh", "rwxr-xr-x");
        assertThat(findings(config("enable_script_security", s.toString()))).singleElement().asString()
                .startsWith("test.conf:2: error: Unable to set default user keepalived_script for track script s - removing");
    }

    @Test
    void theCheckCanBeFedOtherScriptsAndTellsTheCallerAboutViolations() throws IOException {
        Path s = script("misc.sh", "rwxr-xr-x");
        GlobalDefs global = GlobalDefsBinder.defaults();
        Diagnostics d = new Diagnostics();
        ScriptSecurityCheck.Result result = new ScriptSecurityCheck(global, HOST)
                .add(new ScriptSecurityCheck.ScriptUse(ScriptCommand.of(s + " 10.0.0.1"), new SourceLocation(Path.of("lvs.conf"), 9),
                        "MISC_CHECK script", true))
                .run(d);
        assertThat(result.violation()).isTrue();
        assertThat(result.disabled()).isEmpty();
        assertThat(d.all()).extracting(Diagnostic::toString)
                .containsExactly("lvs.conf:9: error: SECURITY VIOLATION - scripts are being executed but script_security not enabled.");
    }
}
