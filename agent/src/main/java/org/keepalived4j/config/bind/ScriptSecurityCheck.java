package org.keepalived4j.config.bind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keepalived4j.config.HostEnvironment;
import org.keepalived4j.config.SourceLocation;
import org.keepalived4j.config.model.GlobalDefs;
import org.keepalived4j.config.model.ScriptCommand;

/**
 * keepalived's script checks, for every script of the configuration (VRRP and LVS, collected with
 * {@link #add} by the binders, run once by {@link ConfigBinder}): with enable_script_security the script must exist and be
 * executable (without it keepalived 2.2.7 does not look at the file: only a warning here), and a
 * script run as root must not be writable by anyone else; without it, scripts run as root are a
 * "SECURITY VIOLATION" (keepalived -t then exits with its script-security status).
 */
public final class ScriptSecurityCheck {
    /** The user keepalived runs scripts as when neither the script nor script_user names one. */
    public static final String DEFAULT_SCRIPT_USER = "keepalived_script";

    /** One script and where it was configured; {@code what} names it in messages ("track script chk"). */
    public record ScriptUse(ScriptCommand script, SourceLocation where, String what, boolean disablesTracker) {}

    /** {@code violation}: scripts would run as root without enable_script_security. */
    public record Result(boolean violation, List<ScriptUse> disabled) {
        public Result {
            disabled = List.copyOf(disabled);
        }
    }

    private final GlobalDefs global;
    private final HostEnvironment host;
    private final List<ScriptUse> uses = new ArrayList<>();

    public ScriptSecurityCheck(GlobalDefs global, HostEnvironment host) {
        this.global = global;
        this.host = host;
    }

    public ScriptSecurityCheck add(ScriptUse use) {
        uses.add(use);
        return this;
    }

    /** The executable: the first word of the command line. */
    static Path executable(ScriptCommand script) {
        String line = script.commandLine().strip();
        int space = line.indexOf(' ');
        return Path.of(space < 0 ? line : line.substring(0, space));
    }

    /** keepalived looks a bare command name up in PATH, as execvp does. */
    private Path resolve(Path exe) {
        if (exe.isAbsolute() || exe.getNameCount() > 1) {
            return exe;
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && host.isExecutableFile(Path.of(dir).resolve(exe))) {
                return Path.of(dir).resolve(exe);
            }
        }
        return exe;
    }

    /** Who runs the script: its own user, else script_user, else keepalived_script if it exists, else root. */
    Optional<String> effectiveUser(ScriptCommand script) {
        if (script.user().isPresent()) {
            return script.user();
        }
        if (global.scriptUser().isPresent()) {
            return global.scriptUser();
        }
        return host.userExists(DEFAULT_SCRIPT_USER) ? Optional.of(DEFAULT_SCRIPT_USER) : Optional.empty();
    }

    public Result run(org.keepalived4j.config.Diagnostics diagnostics) {
        boolean violation = false;
        SourceLocation firstRoot = null;
        List<ScriptUse> disabled = new ArrayList<>();
        for (ScriptUse use : uses) {
            Optional<String> user = effectiveUser(use.script());
            boolean asRoot = user.isEmpty() || user.get().equals("root");
            if (global.enableScriptSecurity() && user.isEmpty() && global.scriptUser().isEmpty() && use.script().user().isEmpty()) {
                diagnostics.error(use.where(), "Unable to set default user " + DEFAULT_SCRIPT_USER + " for " + use.what()
                        + " - removing (enable_script_security needs script_user or the user " + DEFAULT_SCRIPT_USER + ")");
                disabled.add(use);
                continue;
            }
            Path exe = resolve(executable(use.script()));
            if (!host.isExecutableFile(exe)) {
                if (global.enableScriptSecurity()) {
                    diagnostics.error(use.where(), "Disabling " + use.what() + " since not found/accessible: " + exe);
                    disabled.add(use);
                } else {
                    // keepalived 2.2.7 checks script files only with enable_script_security: it accepts this
                    // silently (-t exits 0) and the script simply fails when run; we point it out
                    diagnostics.warning(use.where(), use.what() + ": " + exe + " not found or not executable (keepalived"
                            + " checks scripts only with enable_script_security; it will fail when run)");
                }
                continue;
            }
            if (asRoot) {
                if (global.enableScriptSecurity()) {
                    if (host.isWritableByNonRoot(exe)) {
                        diagnostics.error(use.where(), "Disabling " + use.what() + " due to insecure: " + exe
                                + " or a directory above it is writable by a non-root user");
                        disabled.add(use);
                    }
                } else {
                    violation = true;
                    firstRoot = firstRoot == null ? use.where() : firstRoot;
                }
            }
        }
        if (violation) {
            diagnostics.scriptSecurity(firstRoot, "SECURITY VIOLATION - scripts are being executed but script_security not enabled.");
        }
        return new Result(violation, disabled);
    }
}
