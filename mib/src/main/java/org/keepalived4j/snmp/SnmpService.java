package org.keepalived4j.snmp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.ToIntFunction;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.management.ManagementApi;
import org.keepalived4j.management.ManagementEvent;
import org.keepalived4j.management.ManagementListener;
import org.keepalived4j.management.Subscription;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;

/** The running SNMP front end: agent, snapshot cache, notification forwarder. */
public final class SnmpService implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger();

    private final SnmpAgent agent;
    private final Subscription subscription;
    private final NotificationForwarder forwarder;
    private final MibViewCache views;

    private SnmpService(SnmpAgent agent, Subscription subscription, NotificationForwarder forwarder,
                        MibViewCache views) {
        this.agent = agent;
        this.subscription = subscription;
        this.forwarder = forwarder;
        this.views = views;
    }

    /** ifIndex from /sys/class/net/NAME/ifindex of the daemon's network namespace; 0 when unknown. */
    public static int sysfsIfIndex(String name) {
        if (name == null || name.isEmpty() || name.contains("/")) {
            return 0;
        }
        try {
            return Integer.parseInt(Files.readString(Path.of("/sys/class/net", name, "ifindex")).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** Starts serving: binds (failing with a clear IOException), subscribes to events, sends coldStart. */
    public static SnmpService start(ManagementApi api, SnmpSettings settings, ToIntFunction<String> ifIndex)
            throws IOException {
        Instant agentStart = Instant.now();
        AuditTrail audit = new AuditTrail(settings.auditRows());
        RowIndexes instances = new RowIndexes();
        RowIndexes groups = new RowIndexes();
        RowIndexes scripts = new RowIndexes();
        RowIndexes files = new RowIndexes();
        RowIndexes processes = new RowIndexes();
        NotificationForwarder[] fwd = new NotificationForwarder[1];
        UpTimes upTimes = new UpTimes();
        MibView.Context ctx = new MibView.Context() {
            @Override
            public int ifIndex(String interfaceName) {
                return ifIndex.applyAsInt(interfaceName);
            }

            @Override
            public Instant agentStart() {
                return agentStart;
            }

            @Override
            public boolean trapsEnabled() {
                return !settings.v2cTrapTargets().isEmpty() || !settings.v3InformTargets().isEmpty();
            }

            @Override
            public long eventsDropped() {
                return fwd[0] == null ? 0 : fwd[0].dropped();
            }

            @Override
            public long notificationsSuppressed() {
                return fwd[0] == null ? 0 : fwd[0].suppressed();
            }

            @Override
            public List<ManagementEvent.LiveSettingChanged> audit() {
                return audit.rows();
            }

            @Override
            public long refreshMillis() {
                return settings.refreshMillis();
            }

            @Override
            public UpTimes upTimes() {
                return upTimes;
            }
        };
        MibViewCache views = new MibViewCache(
                () -> MibView.build(api, instances, groups, scripts, files, processes, ctx), settings.refreshMillis());
        SnmpAgent agent = SnmpAgent.start(settings, views, api);
        NotificationForwarder forwarder = new NotificationForwarder(views, (trap, vbs) ->
                agent.getNotificationOriginator().notify(new OctetString(), trap, vbs.toArray(new VariableBinding[0])),
                audit, settings.trapBurst(), settings.trapsPerMinute(), System::nanoTime);
        fwd[0] = forwarder;
        views.start();
        forwarder.primeSyncGroups();
        agent.coldStart();
        Subscription sub = api.subscribe(new ManagementListener() {
            @Override
            public void onEvent(ManagementEvent event) {
                forwarder.onEvent(event); // first: it records the audit rows the rebuilt view serves
                views.changed();
            }

            @Override
            public void eventsDropped(long count) {
                forwarder.eventsDropped(count);
                views.changed();
            }
        });
        return new SnmpService(agent, sub, forwarder, views);
    }

    public SnmpAgent agent() {
        return agent;
    }

    MibViewCache views() {
        return views;
    }

    NotificationForwarder forwarder() {
        return forwarder;
    }

    @Override
    public void close() {
        try {
            subscription.close();
            views.close();
        } finally {
            agent.stop();
            LOG.info("SNMP agent stopped");
        }
    }
}
