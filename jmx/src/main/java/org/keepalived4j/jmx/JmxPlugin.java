package org.keepalived4j.jmx;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import javax.management.MBeanServer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.management.ManagementApi;
import org.keepalived4j.management.ManagementPlugin;
import org.keepalived4j.management.ManagementSettings;

/**
 * JMX front end: MXBeans in the platform MBeanServer (local attach works as for any JVM; {@code jmx.enabled=false}
 * turns them off) and, only when {@code jmx.remote.enabled=true}, the remote connector. Without the connector the
 * beans are registered when the platform MBeanServer comes into being (jconsole or jcmd attaching), not at start
 * ({@link ExportingMBeanServerBuilder}); {@code jmx.local.lazy=false} registers them at start.
 */
public final class JmxPlugin implements ManagementPlugin {
    private static final Logger LOG = LogManager.getLogger(JmxPlugin.class);

    private volatile JmxExporter exporter;
    private JmxRemoteConnector connector;
    private volatile boolean stopped;

    @Override
    public String name() {
        return "JMX";
    }

    @Override
    public void start(ManagementApi api, ManagementSettings settings) throws Exception {
        if (!settings.getBoolean("jmx.enabled", true)) {
            LOG.info("JMX off (jmx.enabled=false)");
            return;
        }
        stopped = false;
        Optional<RemoteSettings> remote = RemoteSettings.from(settings); // validate before registering anything
        boolean lazy = remote.isEmpty() && settings.getBoolean("jmx.local.lazy", true)
                && ExportingMBeanServerBuilder.defer(server -> export(api, server));
        if (lazy) {
            LOG.info("JMX: MXBeans registered when a local client (jconsole, jcmd) first attaches");
            return;
        }
        export(api, ManagementFactory.getPlatformMBeanServer());
        if (remote.isPresent()) {
            try {
                connector = JmxRemoteConnector.start(ManagementFactory.getPlatformMBeanServer(), remote.get());
            } catch (Exception e) {
                exporter.close();
                exporter = null;
                throw e;
            }
        }
    }

    private synchronized void export(ManagementApi api, MBeanServer server) {
        if (stopped || exporter != null) {
            return;
        }
        exporter = new JmxExporter(api, server).start();
        LOG.info("JMX: MXBeans registered in the platform MBeanServer");
    }

    /** The remote connector, if started. */
    public Optional<JmxRemoteConnector> connector() {
        return Optional.ofNullable(connector);
    }

    @Override
    public void stop() {
        ExportingMBeanServerBuilder.cancel();
        if (connector != null) {
            connector.close();
            connector = null;
        }
        synchronized (this) {
            stopped = true;
            if (exporter != null) {
                exporter.close();
                exporter = null;
            }
        }
    }
}
