package org.keepalived4j.config.model.lvs;

import java.util.List;
import java.util.Optional;
import org.keepalived4j.config.model.ScriptCommand;

/** virtual_server_group, virtual_server (with real servers and checkers) and the SSL block. */
public record LvsConfig(List<VirtualServerGroup> groups, List<VirtualServer> virtualServers, Optional<SslConfig> ssl) {
    public LvsConfig {
        groups = List.copyOf(groups);
        virtualServers = List.copyOf(virtualServers);
    }

    public static LvsConfig empty() {
        return new LvsConfig(List.of(), List.of(), Optional.empty());
    }

    public Optional<VirtualServerGroup> group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** Every program this configuration makes keepalived run, for the script-security check. */
    public List<ScriptCommand> scripts() {
        return virtualServers.stream().flatMap(vs -> vs.scripts().stream()).toList();
    }
}
