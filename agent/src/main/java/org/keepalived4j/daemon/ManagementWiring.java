package org.keepalived4j.daemon;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.vrrp.SyncGroup;
import org.keepalived4j.config.model.vrrp.VrrpInstance;
import org.keepalived4j.management.InstanceSettings;
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
    private static final Logger LOG = LogManager.getLogger(ManagementWiring.class);
    private static final Duration SHUTDOWN_DELIVERY = Duration.ofSeconds(3);
    private final VrrpSubsystem vrrp;
    private final ManagementSubsystem management;
    private volatile KeepalivedConfig current;

    ManagementWiring(CommandLine commandLine, Path settingsFile, VrrpSubsystem vrrp, Consumer<Daemon.Request> daemon) {
        this.vrrp = vrrp;
        this.management = new ManagementSubsystem(commandLine.configFile(), settingsFile, this::managedRouters,
                () -> daemon.accept(Daemon.Request.RELOAD),
                (ManagementSettings file, KeepalivedConfig config) ->
                        SnmpActivation.apply(file, commandLine.snmp(), config.global().snmp()))
                .engineViews(vrrp::tracking, vrrp::syncGroups);
    }

    @Override
    public String name() {
        return management.name();
    }

    @Override
    public void start(KeepalivedConfig config) {
        current = config;
        try {
            management.start(config);
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            // bad settings file, key or port: the messages name the file and key; one line, no stack trace
            throw new StartFailure(e.getMessage());
        }
    }

    @Override
    public void reload(KeepalivedConfig config) {
        current = config;
        management.reload(config);
    }

    /**
     * VRRP first, while JMX and SNMP still listen: the routers' last transitions (MASTER/BACKUP to STOP) reach them
     * as notifications and traps, as keepalived sends its shutdown traps, then the plugins stop. The daemon stops VRRP
     * again afterwards, which is then a no-op.
     */
    @Override
    public void stop() {
        try {
            vrrp.stop();
            if (management.api() != null && !management.api().awaitEventsDelivered(SHUTDOWN_DELIVERY)) {
                LOG.warn("shutdown: some management events were not delivered within {}", SHUTDOWN_DELIVERY);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("VRRP failed to stop cleanly", e);
        } finally {
            management.stop();
        }
    }

    private List<ManagedRouter> managedRouters() {
        KeepalivedConfig config = current;
        List<ManagedRouter> out = new ArrayList<>();
        for (VrrpRouter router : vrrp.routers()) {
            Optional<VrrpInstance> instance = config == null ? Optional.empty() : config.vrrp().instance(router.name());
            String ifName = instance.flatMap(VrrpInstance::interfaceName).orElse("");
            String group = config == null ? null : config.vrrp().syncGroups().stream()
                    .filter(g -> g.members().contains(router.name())).map(SyncGroup::name).findFirst().orElse(null);
            out.add(new ManagedRouter(router, ifName, group, instance.map(i -> InstanceSettings.of(i, config.global())).orElse(null)));
        }
        return out;
    }
}
