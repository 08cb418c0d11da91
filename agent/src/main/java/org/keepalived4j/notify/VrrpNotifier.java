package org.keepalived4j.notify;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.config.model.ScriptCommand;
import org.keepalived4j.config.model.vrrp.NotifyScripts;
import org.keepalived4j.vrrp.StateChangeReason;
import org.keepalived4j.vrrp.VrrpEventListener;
import org.keepalived4j.vrrp.VrrpRouter;
import org.keepalived4j.vrrp.VrrpState;
import org.keepalived4j.vrrp.sync.SyncGroupCoordinator;
import org.keepalived4j.vrrp.sync.SyncGroupListener;

/**
 * keepalived's notifications for VRRP instances and sync groups, on each transition to MASTER, BACKUP, FAULT or STOP
 * (keepalived 2.2.7 verified in a namespace):
 * <ul>
 *   <li>the notify_&lt;state&gt; script as written, then the {@code notify} script with
 *       {@code INSTANCE|GROUP name STATE priority} appended (groups: priority 0; STOP: the effective priority);</li>
 *   <li>a line {@code INSTANCE "VI_1" MASTER 150} / {@code GROUP "G1" MASTER 0} on every notify FIFO;</li>
 *   <li>an SMTP alert when smtp_alert is on for the instance / group (not for FAULT with no_email_faults; not twice
 *       for the same state).</li>
 * </ul>
 * Called on the loop thread; it only queues work. An instance's (or group's) scripts start in transition order: the
 * next waits for the previous to finish, but at most {@code serialWait}, so a hanging script cannot hold the others
 * back for ever (keepalived starts them all at once, in no guaranteed order).
 */
public final class VrrpNotifier implements VrrpEventListener, SyncGroupListener {
    private static final Logger LOG = LogManager.getLogger(VrrpNotifier.class);

    /** What one instance or group notifies. */
    public record Subject(NotifyScripts scripts, boolean smtpAlert, boolean notifyPriorityChanges) {}

    private final ScriptRunner runner;
    private final List<NotifyFifo> fifos;
    private final Optional<MailAlerter> mail;
    private final String routerId;
    private final boolean noEmailFaults;
    private final Map<String, Subject> instances;
    private final Map<String, Subject> groups;
    private final Duration serialWait;
    private final Map<String, CompletableFuture<?>> tails = new HashMap<>();
    private final Map<String, String> lastEmailState = new HashMap<>();

    public VrrpNotifier(ScriptRunner runner, List<NotifyFifo> fifos, Optional<MailAlerter> mail, String routerId,
                        boolean noEmailFaults, Map<String, Subject> instances, Map<String, Subject> groups,
                        Duration serialWait) {
        this.runner = runner;
        this.fifos = List.copyOf(fifos);
        this.mail = mail;
        this.routerId = routerId;
        this.noEmailFaults = noEmailFaults;
        this.instances = Map.copyOf(instances);
        this.groups = Map.copyOf(groups);
        this.serialWait = serialWait;
    }

    private static Optional<String> word(VrrpState state) {
        return switch (state) {
            case MASTER, BACKUP, FAULT, STOP -> Optional.of(state.name());
            default -> Optional.empty();
        };
    }

    @Override
    public void stateChanged(VrrpRouter router, VrrpState from, VrrpState to, StateChangeReason reason) {
        Subject subject = instances.get(router.name());
        if (reason == StateChangeReason.REMOVED) {
            // keepalived 2.2.7 (clear_diff_vrrp): without notify_deleted a removed instance is announced as FAULT,
            // and not again if it already was in FAULT
            if (from != VrrpState.FAULT || subject != null && subject.scripts().notifyDeleted()) {
                instanceDeleted(router.name(), router.effectivePriority());
            }
            return;
        }
        Optional<String> state = word(to);
        if (subject == null || state.isEmpty()) {
            return;
        }
        notify("INSTANCE", router.name(), state.get(), router.effectivePriority(), subject);
    }

    @Override
    public void effectivePriorityChanged(VrrpRouter router, int oldPriority, int newPriority) {
        Subject subject = instances.get(router.name());
        if (subject == null || !subject.notifyPriorityChanges()) {
            return;
        }
        // keepalived 2.2.7 (namespace run): MASTER_PRIORITY as master, BACKUP_PRIORITY otherwise (also at start-up)
        String word = router.state() == VrrpState.MASTER ? "MASTER_PRIORITY" : "BACKUP_PRIORITY";
        writeFifos("INSTANCE", router.name(), word, newPriority);
    }

    /**
     * keepalived 2.2.7 (namespace run, one injected advert of priority 50 per second to a master of 150): per advert
     * the FIFO line {@code INSTANCE "VI_1" MASTER_RX_LOWER_PRI 150} (own priority) and notify_master_rx_lower_pri run
     * without arguments; the generic notify script is not run.
     */
    @Override
    public void masterReceivedLowerPriority(VrrpRouter router, InetAddress source, int priority) {
        Subject subject = instances.get(router.name());
        if (subject == null) {
            return;
        }
        writeFifos("INSTANCE", router.name(), "MASTER_RX_LOWER_PRI", router.effectivePriority());
        subject.scripts().masterRxLowerPriority().ifPresent(cmd -> serially("INSTANCE " + router.name(), cmd, List.of(),
                "notify_master_rx_lower_pri " + router.name()));
    }

    /**
     * An instance a reload removed (loop thread; its transition to STOP with reason REMOVED): keepalived reports it
     * as FAULT, or with {@code notify_deleted} as DELETED (FIFO line, the notify_deleted script if one is given, then
     * {@code notify ... DELETED priority}). No e-mail for DELETED.
     */
    public void instanceDeleted(String name, int priority) {
        Subject subject = instances.get(name);
        if (subject == null) {
            return;
        }
        notify("INSTANCE", name, subject.scripts().notifyDeleted() ? "DELETED" : "FAULT", priority, subject);
    }

    @Override
    public void groupStateChanged(SyncGroupCoordinator group, VrrpState from, VrrpState to) {
        Subject subject = groups.get(group.name());
        Optional<String> state = word(to);
        if (subject == null || state.isEmpty()) {
            return;
        }
        notify("GROUP", group.name(), state.get(), 0, subject);
    }

    private void notify(String kind, String name, String state, int priority, Subject subject) {
        writeFifos(kind, name, state, priority);
        NotifyScripts s = subject.scripts();
        Optional<ScriptCommand> specific = switch (state) {
            case "MASTER" -> s.master();
            case "BACKUP" -> s.backup();
            case "FAULT" -> s.fault();
            case "DELETED" -> s.deleted();
            default -> s.stop();
        };
        String key = kind + " " + name;
        specific.ifPresent(cmd -> serially(key, cmd, List.of(), "notify_" + state.toLowerCase() + " " + name));
        s.any().ifPresent(cmd -> serially(key, cmd, List.of(kind, name, state, Integer.toString(priority)),
                "notify " + name));
        if (subject.smtpAlert() && mail.isPresent() && !(noEmailFaults && state.equals("FAULT")) && !state.equals("DELETED")
                && !state.equals(lastEmailState.get(key))) {
            lastEmailState.put(key, state);
            mail.get().send(kind.equals("GROUP") ? MailAlerter.groupAlert(routerId, name, state)
                    : MailAlerter.instanceAlert(routerId, name, state));
        }
    }

    private void writeFifos(String kind, String name, String state, int priority) {
        String line = kind + " \"" + name + "\" " + state + " " + priority;
        fifos.forEach(f -> f.write(line));
    }

    private void serially(String key, ScriptCommand cmd, List<String> args, String purpose) {
        CompletableFuture<?> previous = tails.getOrDefault(key, CompletableFuture.completedFuture(null));
        CompletableFuture<Object> gate = previous.<Object>thenApply(r -> r).copy()
                .completeOnTimeout(null, serialWait.toNanos(), TimeUnit.NANOSECONDS);
        CompletableFuture<ScriptResult> next = gate.handle((r, e) -> null)
                .thenCompose(ignored -> runner.run(cmd, args, Optional.empty(), purpose));
        next.thenAccept(r -> {
            if (r.notRun()) {
                LOG.debug("{} not run", purpose);
            }
        });
        tails.put(key, next);
    }
}
