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

    /**
     * Re-runs {@link ScriptSecurityCheck} over the VRRP scripts of a bound model (notify scripts of instances and
     * groups, tracked vrrp_scripts, notify fifo scripts) when the bind-time result is not at hand; the findings were
     * already reported at load time and are not repeated.
     */
    public static ScriptPolicy fromModel(org.keepalived4j.config.model.KeepalivedConfig config,
                                         org.keepalived4j.config.HostEnvironment host) {
        GlobalDefs global = config.global();
        ScriptSecurityCheck check = new ScriptSecurityCheck(global, host);
        org.keepalived4j.config.SourceLocation where = org.keepalived4j.config.SourceLocation.UNKNOWN;
        java.util.function.Consumer<org.keepalived4j.config.model.vrrp.NotifyScripts> notify = n -> java.util.stream.Stream
                .of(n.master(), n.backup(), n.fault(), n.stop(), n.any(), n.masterRxLowerPriority())
                .flatMap(Optional::stream)
                .forEach(sc -> check.add(new ScriptSecurityCheck.ScriptUse(sc, where, "notify script", false)));
        config.vrrp().instances().forEach(vi -> notify.accept(vi.notifyScripts()));
        config.vrrp().syncGroups().forEach(g -> notify.accept(g.notifyScripts()));
        Set<String> tracked = new HashSet<>();
        config.vrrp().instances().forEach(vi -> vi.trackScripts().forEach(t -> tracked.add(t.name())));
        config.vrrp().syncGroups().forEach(g -> g.trackScripts().forEach(t -> tracked.add(t.name())));
        config.vrrp().scripts().stream().filter(vs -> tracked.contains(vs.name()) && vs.script() != null)
                .forEach(vs -> check.add(new ScriptSecurityCheck.ScriptUse(vs.script(), where,
                        "track script " + vs.name(), true)));
        java.util.stream.Stream.of(global.notifyFifo(), global.vrrpNotifyFifo()).flatMap(Optional::stream)
                .flatMap(f -> f.script().stream())
                .forEach(sc -> check.add(new ScriptSecurityCheck.ScriptUse(sc, where, "notify fifo script", false)));
        ScriptSecurityCheck.Result result = check.run(new org.keepalived4j.config.Diagnostics());
        return of(global, result, host.userExists(ScriptSecurityCheck.DEFAULT_SCRIPT_USER));
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
