package org.keepalived4j.jmx;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.management.AttributeChangeNotification;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A JMX client run as its own process inside a lab namespace ({@code ip netns exec}): connects to
 * {@code ADDR:PORT} as {@code USER PASSWORD}, listens to {@code BEAN}, prints "READY" and then one line per
 * notification: {@code seq|type|attribute|old|new|userData as sorted key=value,...}. Exits after SECONDS.
 */
public final class JmxNotificationPrinter {
    private JmxNotificationPrinter() {}

    public static void main(String[] args) throws Exception {
        String hostPort = args[0];
        Map<String, Object> env = new HashMap<>();
        env.put(JMXConnector.CREDENTIALS, new String[] {args[1], args[2]});
        ObjectName bean = new ObjectName(args[3]);
        long seconds = Long.parseLong(args[4]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + hostPort + "/jmxrmi");
        try (JMXConnector connector = JMXConnectorFactory.connect(url, env)) {
            MBeanServerConnection connection = connector.getMBeanServerConnection();
            connection.addNotificationListener(bean, (n, handback) -> {
                StringBuilder line = new StringBuilder().append(n.getSequenceNumber()).append('|').append(n.getType());
                if (n instanceof AttributeChangeNotification a) {
                    line.append('|').append(a.getAttributeName()).append('|').append(a.getOldValue()).append('|')
                            .append(a.getNewValue());
                } else {
                    line.append("|||");
                }
                line.append('|');
                if (n.getUserData() instanceof CompositeData data) {
                    Map<String, Object> items = new TreeMap<>();
                    data.getCompositeType().keySet().forEach(k -> items.put(k, data.get(k)));
                    items.forEach((k, v) -> line.append(k).append('=').append(v).append(','));
                }
                synchronized (out) {
                    out.println(line);
                }
            }, null, null);
            out.println("READY");
            TimeUnit.SECONDS.sleep(seconds);
        }
    }
}
