package org.keepalived4j.config.model.vrrp;

import java.util.Optional;
import org.keepalived4j.config.model.ScriptCommand;

/**
 * The notify_* scripts of an instance or sync group ({@code notify} = any transition).
 *
 * @param notifyDeleted {@code notify_deleted} (instances): an instance removed by a reload is reported as DELETED
 *     instead of FAULT, and {@code deleted} (its optional script) runs as well
 */
public record NotifyScripts(
        Optional<ScriptCommand> master,
        Optional<ScriptCommand> backup,
        Optional<ScriptCommand> fault,
        Optional<ScriptCommand> stop,
        Optional<ScriptCommand> any,
        Optional<ScriptCommand> masterRxLowerPriority,
        boolean notifyDeleted,
        Optional<ScriptCommand> deleted) {
    public static final NotifyScripts NONE = new NotifyScripts(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    /** Without notify_deleted. */
    public NotifyScripts(Optional<ScriptCommand> master, Optional<ScriptCommand> backup, Optional<ScriptCommand> fault,
                         Optional<ScriptCommand> stop, Optional<ScriptCommand> any,
                         Optional<ScriptCommand> masterRxLowerPriority) {
        this(master, backup, fault, stop, any, masterRxLowerPriority, false, Optional.empty());
    }
}
