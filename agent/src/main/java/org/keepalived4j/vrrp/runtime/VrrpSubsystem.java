package org.keepalived4j.vrrp.runtime;

import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.daemon.StartFailure;
import org.keepalived4j.daemon.Subsystem;
import org.keepalived4j.vrrp.VrrpEventListener;
import org.keepalived4j.vrrp.VrrpRouter;

/**
 * The daemon's VRRP part. Reload works per instance, as keepalived 2.2.7's: surviving instances keep running with
 * their new settings applied in place, removed ones stop, new ones start ({@link VrrpRuntime#reload}); an unchanged
 * configuration is left alone. The runtime gets the whole model: tracking, notifications and sync groups run with
 * the instances.
 */
public final class VrrpSubsystem implements Subsystem {
    private static final Logger LOG = LogManager.getLogger(VrrpSubsystem.class);

    private final SpecSource mapper;
    private final VrrpEventListener listener;
    private volatile VrrpRuntime runtime;

    /** Where the instances come from: the configuration, resolved against this host's interfaces. */
    @FunctionalInterface
    public interface SpecSource {
        List<VrrpInstanceSpec> specs(KeepalivedConfig config) throws VrrpStartException;
    }

    public VrrpSubsystem() {
        this(VrrpSubsystem::fromKernel, VrrpEventListener.NONE);
    }

    public VrrpSubsystem(SpecSource mapper, VrrpEventListener listener) {
        this.mapper = mapper;
        this.listener = listener;
    }

    @Override
    public String name() {
        return "VRRP";
    }

    private static List<VrrpInstanceSpec> fromKernel(KeepalivedConfig config) throws VrrpStartException {
        if (config.vrrp().instances().isEmpty()) {
            return List.of();
        }
        try (KernelInterfaceAddresses host = new KernelInterfaceAddresses()) {
            return new VrrpSettingsMapper(host).instances(config);
        } catch (org.keepalived4j.sys.NativeCallException e) {
            throw new VrrpStartException("cannot read interfaces: " + e.getMessage());
        }
    }

    @Override
    public void start(KeepalivedConfig config) {
        try {
            run(mapper.specs(config), config);
        } catch (VrrpStartException e) {
            throw new StartFailure(e.getMessage());
        }
    }

    private void run(List<VrrpInstanceSpec> specs, KeepalivedConfig config) {
        if (specs.isEmpty()) {
            LOG.info("no VRRP instances configured");
            runtime = null;
            return;
        }
        try {
            runtime = VrrpRuntime.start(specs, config, listener);
        } catch (VrrpStartException e) {
            throw new StartFailure(e.getMessage());
        }
    }

    @Override
    public void reload(KeepalivedConfig config) {
        List<VrrpInstanceSpec> specs;
        try {
            specs = mapper.specs(config);
        } catch (VrrpStartException e) {
            LOG.error("VRRP reload refused, keeping the running instances: {}", e.getMessage());
            return;
        }
        VrrpRuntime current = runtime;
        if (current != null ? current.specs().equals(specs) && sameVrrp(current.config(), config) : specs.isEmpty()) {
            LOG.info("VRRP instances unchanged");
            return;
        }
        if (current == null || specs.isEmpty()) {
            stop();
            try {
                run(specs, config);
            } catch (StartFailure e) {
                LOG.error("VRRP not running after reload: {}", e.getMessage());
            }
            return;
        }
        current.reload(specs, config);
    }

    /** Tracking, scripts, groups and notification settings unchanged too. */
    private static boolean sameVrrp(KeepalivedConfig running, KeepalivedConfig next) {
        return running == null || running.vrrp().equals(next.vrrp()) && running.global().equals(next.global());
    }

    @Override
    public void stop() {
        VrrpRuntime current = runtime;
        runtime = null;
        if (current != null) {
            current.stop();
        }
    }

    /** The running sync groups by name (empty when none), for the management layer. */
    public java.util.Map<String, org.keepalived4j.vrrp.sync.SyncGroupCoordinator> syncGroups() {
        VrrpRuntime current = runtime;
        return current == null ? java.util.Map.of() : current.syncGroups();
    }

    /** The running tracking (read-only view for the management layer), or null when none. */
    public org.keepalived4j.track.VrrpTracking tracking() {
        VrrpRuntime current = runtime;
        return current == null ? null : current.tracking();
    }

    /** The running routers (empty when none), for the management layer. */
    public List<VrrpRouter> routers() {
        VrrpRuntime current = runtime;
        return current == null ? List.of() : current.routers();
    }
}
