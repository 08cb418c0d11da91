package org.keepalived4j.jmx;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.management.ManagementApi;
import org.keepalived4j.management.ManagementPlugin;
import org.keepalived4j.management.ManagementSettings;

/**
 * JMX front end: MXBeans in the platform MBeanServer (local attach works as for any JVM; {@code jmx.enabled=false}
 * turns them off) and, only when {@code jmx.remote.enabled=true}, the remote connector.
 */
public final class JmxPlugin implements ManagementPlugin {
    private static final Logger LOG = LogManager.getLogger(JmxPlugin.class);

    private JmxExporter exporter;
    private JmxRemoteConnector connector;

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
        Optional<RemoteSettings> remote = RemoteSettings.from(settings); // validate before registering anything
        exporter = new JmxExporter(api, ManagementFactory.getPlatformMBeanServer()).start();
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

    /** The remote connector, if started. */
    public Optional<JmxRemoteConnector> connector() {
        return Optional.ofNullable(connector);
    }

    @Override
    public void stop() {
        if (connector != null) {
            connector.close();
            connector = null;
        }
        if (exporter != null) {
            exporter.close();
            exporter = null;
        }
    }
}
