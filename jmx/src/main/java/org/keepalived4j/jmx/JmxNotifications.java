package org.keepalived4j.jmx;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.management.AttributeChangeNotification;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import org.keepalived4j.management.ManagementEvent;
import org.keepalived4j.management.ManagementEvent.EffectivePriorityChanged;
import org.keepalived4j.management.ManagementEvent.LiveSettingChanged;
import org.keepalived4j.management.ManagementEvent.NewMaster;
import org.keepalived4j.management.ManagementEvent.ProtocolError;
import org.keepalived4j.management.ManagementEvent.StateChanged;

/**
 * Turns management events into JMX notifications. State, effective priority and live BasePriority/Preempt changes
 * are {@link AttributeChangeNotification}s; the rest use the types below. Every notification's sequence number is
 * the event's, and its userData is a CompositeData with what the matching SNMP trap carries (instance, routerId,
 * VRID, state, priorities, reason ...), readable by clients without our classes.
 */
public final class JmxNotifications {
    public static final String NEW_MASTER = "keepalived4j.vrrp.newMaster";
    public static final String AUTH_FAILURE = "keepalived4j.vrrp.authFailure";
    public static final String PROTOCOL_ERROR = "keepalived4j.vrrp.protocolError";
    public static final String TRACKER_CHANGE = "keepalived4j.tracker.change";
    public static final String CONFIG_LOADED = "keepalived4j.config.loaded";

    static final MBeanNotificationInfo[] INSTANCE_INFO = {
            new MBeanNotificationInfo(new String[] {AttributeChangeNotification.ATTRIBUTE_CHANGE},
                    AttributeChangeNotification.class.getName(),
                    "State, EffectivePriority, BasePriority and Preempt changes"),
            new MBeanNotificationInfo(new String[] {NEW_MASTER, AUTH_FAILURE, PROTOCOL_ERROR},
                    Notification.class.getName(), "new master, authentication failure, protocol error"),
    };
    static final MBeanNotificationInfo[] DAEMON_INFO = {
            new MBeanNotificationInfo(new String[] {TRACKER_CHANGE, CONFIG_LOADED}, Notification.class.getName(),
                    "tracker state changes, configuration (re)loaded"),
    };

    private JmxNotifications() {}

    /** The notification for an instance event, or null if the event is not an instance's. */
    static Notification forInstance(ObjectName source, ManagementEvent event) {
        long seq = event.sequence();
        long time = event.time().toEpochMilli();
        Notification n;
        if (event instanceof StateChanged e) {
            n = new AttributeChangeNotification(source, seq, time, e.source() + " " + e.from() + " -> " + e.to()
                    + " (" + e.reason() + ")", "State", "java.lang.String", e.from().name(), e.to().name());
            n.setUserData(data(e, Map.of("state", e.to().name(), "previousState", e.from().name(),
                    "reason", e.reason().name(), "initialState", e.initialState().name(),
                    "effectivePriority", e.effectivePriority(), "transitionCount", e.transitionCount())));
        } else if (event instanceof EffectivePriorityChanged e) {
            n = new AttributeChangeNotification(source, seq, time, e.source() + " effective priority "
                    + e.oldPriority() + " -> " + e.newPriority(), "EffectivePriority", "int", e.oldPriority(),
                    e.newPriority());
            n.setUserData(data(e, Map.of("state", e.state().name(), "effectivePriority", e.newPriority(),
                    "previousPriority", e.oldPriority(), "basePriority", e.basePriority())));
        } else if (event instanceof LiveSettingChanged e) {
            boolean priority = e.key().equals("priority");
            String attribute = priority ? "BasePriority" : "Preempt";
            Object oldValue = priority ? (Object) Integer.valueOf(e.oldValue()) : Boolean.valueOf(e.oldValue());
            String now = e.newValue() == null ? "(file value)" : e.newValue();
            n = new AttributeChangeNotification(source, seq, time, e.source() + " live " + e.key() + " "
                    + e.oldValue() + " -> " + now + " by " + e.actor(), attribute, priority ? "int" : "boolean",
                    oldValue, e.newValue() == null ? null
                    : priority ? (Object) Integer.valueOf(e.newValue()) : Boolean.valueOf(e.newValue()));
            n.setUserData(data(e, Map.of("key", e.key(), "oldValue", e.oldValue(),
                    "newValue", e.newValue() == null ? "" : e.newValue(), "actor", e.actor().toString())));
        } else if (event instanceof NewMaster e) {
            n = new Notification(NEW_MASTER, source, seq, time, e.source() + " master is now "
                    + e.master().getHostAddress() + (e.self() ? " (this node)" : ""));
            n.setUserData(data(e, Map.of("masterAddress", e.master().getHostAddress(),
                    "masterPriority", e.masterPriority(), "self", e.self())));
        } else if (event instanceof ProtocolError e) {
            boolean auth = e.authErrorType() != null;
            n = new Notification(auth ? AUTH_FAILURE : PROTOCOL_ERROR, source, seq, time, e.source() + " "
                    + e.reason().description() + " from " + (e.sender() == null ? "?" : e.sender().getHostAddress()));
            n.setUserData(data(e, Map.of("reason", e.reason().name(),
                    "authErrorType", auth ? e.authErrorType() : "",
                    "packetSource", e.sender() == null ? "" : e.sender().getHostAddress())));
        } else {
            return null;
        }
        return n;
    }

    private static int vrid(ManagementEvent e) {
        if (e instanceof StateChanged s) {
            return s.virtualRouterId();
        } else if (e instanceof EffectivePriorityChanged s) {
            return s.virtualRouterId();
        } else if (e instanceof NewMaster s) {
            return s.virtualRouterId();
        } else if (e instanceof ProtocolError s) {
            return s.virtualRouterId();
        }
        return 0;
    }

    /** Common items (instance, routerId, virtualRouterId, sequence) plus the event's own. */
    static CompositeData data(ManagementEvent e, Map<String, Object> own) {
        Map<String, Object> items = new LinkedHashMap<>();
        items.put("instance", e.source());
        items.put("routerId", e.routerId());
        items.put("virtualRouterId", vrid(e));
        items.put("sequence", e.sequence());
        items.putAll(own);
        return composite(e.getClass().getSimpleName(), items);
    }

    static CompositeData composite(String typeName, Map<String, Object> items) {
        String[] names = items.keySet().toArray(String[]::new);
        OpenType<?>[] types = new OpenType<?>[names.length];
        for (int i = 0; i < names.length; i++) {
            Object v = items.get(names[i]);
            types[i] = v instanceof Integer ? SimpleType.INTEGER : v instanceof Long ? SimpleType.LONG
                    : v instanceof Boolean ? SimpleType.BOOLEAN : SimpleType.STRING;
        }
        try {
            CompositeType type = new CompositeType(typeName, typeName, names, names, types);
            return new CompositeDataSupport(type, items);
        } catch (OpenDataException ex) {
            throw new IllegalStateException("cannot build notification data " + items, ex);
        }
    }
}
