package org.keepalived4j.config.model;

import java.util.Optional;

/**
 * A script keepalived runs (notify, vrrp_script, MISC_CHECK, notify_up ...): the command line as
 * written (keepalived splits it into argv at run time) and, where the block allows it, the user and
 * group to run it as (otherwise global script_user applies).
 */
public record ScriptCommand(String commandLine, Optional<String> user, Optional<String> group) {
    public static ScriptCommand of(String commandLine) {
        return new ScriptCommand(commandLine, Optional.empty(), Optional.empty());
    }
}
