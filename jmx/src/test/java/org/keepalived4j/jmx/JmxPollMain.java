package org.keepalived4j.jmx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.management.AttributeList;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The polling load of bench/jmx-poll.sh: a remote JMX client (run in its own lab namespace) that reads every readable
 * attribute of every {@code keepalived4j:type=VrrpInstance} bean, one {@code getAttributes} call per bean, RATE rounds
 * a second for SECONDS, and prints one summary line: rounds, achieved rate, beans and values read per round, values
 * missing (asked for but not returned), failed rounds, and the per-round latency p50/p99/max in ms.
 *
 * <pre>usage: JmxPollMain ADDR:PORT USER PASSWORD RATE SECONDS</pre>
 *
 * Rounds are scheduled at a fixed rate; a round that overruns its slot delays the next one (no catch-up burst), so
 * the achieved rate shows whether the daemon keeps up.
 */
public final class JmxPollMain {
    private static final int MAX_ROUNDS = 1_000_000;

    private JmxPollMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: JmxPollMain ADDR:PORT USER PASSWORD RATE SECONDS");
            System.exit(2);
        }
        double rate = Double.parseDouble(args[3]);
        long seconds = Long.parseLong(args[4]);
        if (rate <= 0 || rate > 1000 || seconds < 1 || seconds > 3600) {
            throw new IllegalArgumentException("RATE 0..1000 per second, SECONDS 1..3600");
        }
        Map<String, Object> env = new HashMap<>();
        env.put(JMXConnector.CREDENTIALS, new String[] {args[1], args[2]});
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + args[0] + "/jmxrmi");
        try (JMXConnector connector = JMXConnectorFactory.connect(url, env)) {
            poll(connector.getMBeanServerConnection(), rate, seconds);
        }
    }

    private static void poll(MBeanServerConnection connection, double rate, long seconds) throws Exception {
        Set<ObjectName> beans = connection.queryNames(new ObjectName("keepalived4j:type=VrrpInstance,*"), null);
        Map<ObjectName, String[]> attributes = new HashMap<>();
        for (ObjectName bean : beans) {
            attributes.put(bean, Arrays.stream(connection.getMBeanInfo(bean).getAttributes())
                    .filter(MBeanAttributeInfo::isReadable).map(MBeanAttributeInfo::getName).toArray(String[]::new));
        }
        int asked = attributes.values().stream().mapToInt(a -> a.length).sum();
        long periodNanos = (long) (1e9 / rate);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long next = start;
        List<Long> latencies = new ArrayList<>();
        long missing = 0;
        long failedRounds = 0;
        long valuesRead = 0;
        while (latencies.size() < MAX_ROUNDS) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long roundStart = System.nanoTime();
            if (roundStart >= end) {
                break;
            }
            try {
                for (Map.Entry<ObjectName, String[]> e : attributes.entrySet()) {
                    AttributeList got = connection.getAttributes(e.getKey(), e.getValue());
                    valuesRead += got.size();
                    missing += e.getValue().length - got.size();
                }
            } catch (Exception e) {
                failedRounds++;
                System.err.println("round failed: " + e);
            }
            long roundEnd = System.nanoTime();
            latencies.add(roundEnd - roundStart);
            next = Math.max(next + periodNanos, roundEnd);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("rounds=%d rate=%.2f/s beans=%d values_per_round=%d values_read=%d missing=%d "
                        + "failed_rounds=%d round_ms_p50=%.1f round_ms_p99=%.1f round_ms_max=%.1f%n",
                sorted.length, sorted.length / elapsed, beans.size(), asked, valuesRead, missing, failedRounds,
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.length == 0 ? Double.NaN
                        : sorted[sorted.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
    }
}
