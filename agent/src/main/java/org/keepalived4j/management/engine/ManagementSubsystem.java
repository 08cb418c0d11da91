package org.keepalived4j.management.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.config.dump.ConfigWriter;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.daemon.Subsystem;
import org.keepalived4j.daemon.VersionInfo;
import org.keepalived4j.management.GlobalSettings;
import org.keepalived4j.management.ManagementPlugin;
import org.keepalived4j.management.ManagementSettings;
import org.keepalived4j.track.VrrpTracking;
import org.keepalived4j.vrrp.sync.SyncGroupCoordinator;

/**
 * Plugs the management layer into the daemon: reads the management settings file, runs the
 * {@link VrrpManagementService} over the routers the VRRP subsystem exposes, and starts every
 * {@link ManagementPlugin} found with {@link ServiceLoader} (JMX, SNMP). Register it after the VRRP subsystem so
 * that on start and reload the routers it attaches are the new ones.
 */
public final class ManagementSubsystem implements Subsystem {
    private static final Logger LOG = LogManager.getLogger(ManagementSubsystem.class);

    private final Path configFile;
    private final Path settingsFile;
    private final Supplier<List<ManagedRouter>> routers;
    private final Runnable reloadHook;
    private final BiFunction<ManagementSettings, KeepalivedConfig, ManagementSettings> adjust;
    private final List<ManagementPlugin> running = new ArrayList<>();
    private VrrpManagementService service;
    private volatile Supplier<VrrpTracking> tracking = () -> null;
    private volatile Supplier<Map<String, SyncGroupCoordinator>> syncGroups = Map::of;

    /**
     * @param configFile keepalived.conf in use (for the Daemon MBean)
     * @param settingsFile the management properties file (a missing file means defaults)
     * @param routers the VRRP subsystem's current routers
     * @param reloadHook posts a reload request to the daemon (management {@code reload()})
     */
    public ManagementSubsystem(Path configFile, Path settingsFile, Supplier<List<ManagedRouter>> routers,
                               Runnable reloadHook) {
        this(configFile, settingsFile, routers, reloadHook, (settings, config) -> settings);
    }

    /**
     * @param adjust turns the file's settings into the effective ones once the configuration is known (the daemon
     *               uses it to let {@code -x} and global_defs enable_snmp_* switch the SNMP agent on)
     */
    public ManagementSubsystem(Path configFile, Path settingsFile, Supplier<List<ManagedRouter>> routers,
                               Runnable reloadHook,
                               BiFunction<ManagementSettings, KeepalivedConfig, ManagementSettings> adjust) {
        this.adjust = adjust;
        this.configFile = configFile;
        this.settingsFile = settingsFile;
        this.routers = routers;
        this.reloadHook = reloadHook;
    }

    /** The engine's running tracking and sync groups, attached with the routers on start and every reload. */
    public ManagementSubsystem engineViews(Supplier<VrrpTracking> tracking,
                                           Supplier<Map<String, SyncGroupCoordinator>> syncGroups) {
        this.tracking = tracking;
        this.syncGroups = syncGroups;
        return this;
    }

    @Override
    public String name() {
        return "management";
    }

    /** The API, once started (null before). */
    public VrrpManagementService api() {
        return service;
    }

    @Override
    public void start(KeepalivedConfig config) {
        ManagementSettings settings;
        try {
            settings = ManagementSettings.load(settingsFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read management settings " + settingsFile, e);
        }
        settings = adjust.apply(settings, config);
        LOG.info("Management settings: {}", settings.source().map(Path::toString)
                .orElse(settingsFile + " (absent: defaults, remote access off)"));
        LiveOverlay overlay = new LiveOverlay(settings.getPath(ManagementSettings.OVERLAY_STATE_FILE).orElse(null));
        int capacity = settings.getInt("events.queue_capacity", EventBus.DEFAULT_QUEUE_CAPACITY, 1, 1_000_000);
        service = new VrrpManagementService(routerId(config), VersionInfo.current().version(), configFile, overlay,
                Clock.systemUTC(), capacity);
        service.reloadHook(reloadHook);
        service.configurationLoaded(() -> ConfigWriter.write(config), GlobalSettings.of(config));
        service.attach(routers.get(), tracking.get(), syncGroups.get());
        for (ManagementPlugin plugin : ServiceLoader.load(ManagementPlugin.class)) {
            try {
                LOG.info("Starting management plugin {}", plugin.name());
                plugin.start(service, settings);
                running.add(plugin);
            } catch (Exception e) {
                throw new IllegalStateException("management plugin " + plugin.name() + " cannot start: "
                        + e.getMessage(), e);
            }
        }
    }

    @Override
    public void reload(KeepalivedConfig config) {
        service.configurationLoaded(() -> ConfigWriter.write(config), GlobalSettings.of(config), routerId(config));
        service.attach(routers.get(), tracking.get(), syncGroups.get());
    }

    @Override
    public void stop() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).stop();
            } catch (RuntimeException e) {
                LOG.error("management plugin {} failed to stop", running.get(i).name(), e);
            }
        }
        running.clear();
        if (service != null) {
            service.close();
        }
    }

    /** global_defs router_id, else keepalived's default: the host name. */
    private static String routerId(KeepalivedConfig config) {
        if (config.global().routerId().isPresent()) {
            return config.global().routerId().get();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
