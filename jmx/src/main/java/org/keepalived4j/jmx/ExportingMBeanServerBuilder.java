package org.keepalived4j.jmx;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.management.MBeanServer;
import javax.management.MBeanServerBuilder;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerFactory;

/**
 * Defers the MXBeans until the JVM's platform MBeanServer exists. Without a remote connector nothing in the daemon
 * needs that server, and creating it (plus its platform MXBeans and our ~200 beans) costs ~3.7 MiB of RSS for a
 * feature that is used only when someone attaches. The JVM creates it when jconsole or jcmd start the local
 * management agent, and {@link MBeanServerFactory} builds it with the builder class named in the system property
 * {@value #PROPERTY}: this one, which hands the new server to the waiting exporter before the agent hands it to the
 * client, so the client sees our beans from its first request.
 */
public final class ExportingMBeanServerBuilder extends MBeanServerBuilder {
    static final String PROPERTY = "javax.management.builder.initial";
    private static final AtomicReference<Consumer<MBeanServer>> WAITING = new AtomicReference<>();

    /**
     * Arranges for {@code onCreate} to run with the first MBeanServer created from now on (on the thread that creates
     * it). False when that cannot work: an MBeanServer already exists, another builder is configured, or the JVM's
     * attach threads cannot be given our class loader; the caller then registers at once.
     */
    static synchronized boolean defer(Consumer<MBeanServer> onCreate) {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.equals(ExportingMBeanServerBuilder.class.getName())) {
            return false;
        }
        if (!MBeanServerFactory.findMBeanServer(null).isEmpty() || !attachThreadsSeeUs()) {
            return false;
        }
        WAITING.set(onCreate);
        System.setProperty(PROPERTY, ExportingMBeanServerBuilder.class.getName());
        return true;
    }

    /**
     * MBeanServerFactory loads the builder class through the creating thread's context class loader, or the boot
     * loader when it has none. The thread that creates the platform server on a local attach is the JVM's "Attach
     * Listener", which has none: the JVM starts it from the "Signal Dispatcher" (on the attaching tool's SIGQUIT), and
     * a new thread takes its creator's context class loader. So both get ours; true if the Signal Dispatcher exists.
     */
    private static boolean attachThreadsSeeUs() {
        ClassLoader ours = ExportingMBeanServerBuilder.class.getClassLoader();
        boolean dispatcher = false;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String name = t.getName();
            if (name.equals("Signal Dispatcher") || name.equals("Attach Listener")) {
                if (t.getContextClassLoader() == null) {
                    t.setContextClassLoader(ours);
                }
                dispatcher |= name.equals("Signal Dispatcher") && t.getContextClassLoader() == ours;
            }
        }
        return dispatcher;
    }

    /** Forgets a deferred export that has not happened (the plugin stops). */
    static void cancel() {
        WAITING.set(null);
    }

    @Override
    public MBeanServer newMBeanServer(String defaultDomain, MBeanServer outer, MBeanServerDelegate delegate) {
        MBeanServer server = super.newMBeanServer(defaultDomain, outer, delegate);
        Consumer<MBeanServer> waiting = WAITING.getAndSet(null);
        if (waiting != null) {
            waiting.accept(outer != null ? outer : server);
        }
        return server;
    }
}
