package org.keepalived4j.config.model.vrrp;

import java.util.Optional;
import org.keepalived4j.config.model.ScriptCommand;

/** The notify_* scripts of an instance or sync group ({@code notify} = any transition). */
public record NotifyScripts(
        Optional<ScriptCommand> master,
        Optional<ScriptCommand> backup,
        Optional<ScriptCommand> fault,
        Optional<ScriptCommand> stop,
        Optional<ScriptCommand> any,
        Optional<ScriptCommand> masterRxLowerPriority) {
    public static final NotifyScripts NONE = new NotifyScripts(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());
}
