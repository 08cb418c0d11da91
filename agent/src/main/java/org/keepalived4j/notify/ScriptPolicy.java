package org.keepalived4j.notify;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.keepalived4j.config.bind.ScriptSecurityCheck;
import org.keepalived4j.config.model.GlobalDefs;
import org.keepalived4j.config.model.ScriptCommand;

/**
 * Which scripts may run and as whom, as keepalived decides: the scripts {@link ScriptSecurityCheck} disabled (not
 * found, insecure, no usable user) are never run; the user is the script's own, else global script_user, else
 * keepalived_script if that user exists, else the daemon's user (root).
 */
public final class ScriptPolicy {
    private final Optional<String> scriptUser;
    private final Optional<String> scriptGroup;
    private final boolean defaultUserExists;
    private final Set<ScriptCommand> disabled;

    public ScriptPolicy(Optional<String> scriptUser, Optional<String> scriptGroup, boolean defaultUserExists,
                        Set<ScriptCommand> disabled) {
        this.scriptUser = scriptUser;
        this.scriptGroup = scriptGroup;
        this.defaultUserExists = defaultUserExists;
        this.disabled = Set.copyOf(disabled);
    }

    /** From the configuration and the result of the script-security check run when it was bound. */
    public static ScriptPolicy of(GlobalDefs global, ScriptSecurityCheck.Result check, boolean defaultUserExists) {
        Set<ScriptCommand> off = new HashSet<>();
        check.disabled().forEach(use -> off.add(use.script()));
        return new ScriptPolicy(global.scriptUser(), global.scriptGroup(), defaultUserExists, off);
    }

    /** Everything allowed, run as the daemon's user (tests, no configuration). */
    public static ScriptPolicy permissive() {
        return new ScriptPolicy(Optional.empty(), Optional.empty(), false, Set.of());
    }

    public boolean allowed(ScriptCommand script) {
        return !disabled.contains(script);
    }

    public RunAs runAs(ScriptCommand script) {
        if (script.user().isPresent()) {
            return new RunAs(script.user(), script.group());
        }
        if (scriptUser.isPresent()) {
            return new RunAs(scriptUser, scriptGroup);
        }
        if (defaultUserExists) {
            return new RunAs(Optional.of(ScriptSecurityCheck.DEFAULT_SCRIPT_USER), Optional.empty());
        }
        return RunAs.DAEMON;
    }
}
