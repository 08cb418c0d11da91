package org.keepalived4j.daemon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.vrrp.SyncGroup;
import org.keepalived4j.config.model.vrrp.VrrpInstance;
import org.keepalived4j.management.ManagementSettings;
import org.keepalived4j.management.engine.ManagedRouter;
import org.keepalived4j.management.engine.ManagementSubsystem;
import org.keepalived4j.vrrp.VrrpRouter;
import org.keepalived4j.vrrp.runtime.VrrpSubsystem;

/**
 * The management layer (JMX, SNMP) as a daemon subsystem. Registered after the VRRP subsystem: start and reload run
 * in registration order, so it always attaches the routers VRRP has just (re)started. What the engine does not
 * know about its routers, the interface name and the sync group, comes from the configuration in force.
 */
final class ManagementWiring implements Subsystem {
    private final VrrpSubsystem vrrp;
    private final ManagementSubsystem management;
    private volatile KeepalivedConfig current;

    ManagementWiring(CommandLine commandLine, Path settingsFile, VrrpSubsystem vrrp, Consumer<Daemon.Request> daemon) {
        this.vrrp = vrrp;
        this.management = new ManagementSubsystem(commandLine.configFile(), settingsFile, this::managedRouters,
                () -> daemon.accept(Daemon.Request.RELOAD),
                (ManagementSettings file, KeepalivedConfig config) ->
                        SnmpActivation.apply(file, commandLine.snmp(), config.global().snmp()));
    }

    @Override
    public String name() {
        return management.name();
    }

    @Override
    public void start(KeepalivedConfig config) {
        current = config;
        management.start(config);
    }

    @Override
    public void reload(KeepalivedConfig config) {
        current = config;
        management.reload(config);
    }

    @Override
    public void stop() {
        management.stop();
    }

    private List<ManagedRouter> managedRouters() {
        KeepalivedConfig config = current;
        List<ManagedRouter> out = new ArrayList<>();
        for (VrrpRouter router : vrrp.routers()) {
            Optional<VrrpInstance> instance = config == null ? Optional.empty() : config.vrrp().instance(router.name());
            String ifName = instance.flatMap(VrrpInstance::interfaceName).orElse("");
            String group = config == null ? null : config.vrrp().syncGroups().stream()
                    .filter(g -> g.members().contains(router.name())).map(SyncGroup::name).findFirst().orElse(null);
            out.add(new ManagedRouter(router, ifName, group));
        }
        return out;
    }
}
