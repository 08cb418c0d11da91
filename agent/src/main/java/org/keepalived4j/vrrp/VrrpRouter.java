package org.keepalived4j.vrrp;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.codec.vrrp.VrrpAdvert;
import org.keepalived4j.vrrp.loop.EventLoop;
import org.keepalived4j.vrrp.loop.LoopTimer;

/**
 * One VRRP instance: the RFC 3768 / RFC 5798 state machine as keepalived 2.2.7 runs it.
 * <p>
 * All state lives on the {@link EventLoop} thread. The public commands may be called from any thread: off the loop
 * they are handed to it. The getters read volatile fields and are safe everywhere.
 */
public final class VrrpRouter {
    private static final Logger LOG = LogManager.getLogger(VrrpRouter.class);
    private static final long LOG_PERIOD_NANOS = 1_000_000_000L;
    /**
     * A master's advert may go out a little early when the loop is awake anyway: the loop then sends the adverts of
     * many instances per wake-up, in one sendmmsg, and a backup reads them in a few wake-ups. From a 1 s interval up,
     * 1/100 of it (at most 10 ms: 200 instances at 1 s then cost half the wake-ups of 2 ms, on both sides); below,
     * where the interval was chosen for fast failover, 1/500 (0.1 ms at 0.05 s: advert timing first). Deadlines stay
     * on the drift-free cadence, so an interval on the wire deviates by at most this; receivers allow 3 intervals.
     */
    private static final long ADVERT_SLACK_DIVISOR = 100;
    private static final long SUBSECOND_ADVERT_SLACK_DIVISOR = 500;
    private static final long MAX_ADVERT_SLACK_NANOS = 10_000_000;

    /** Replaced in place by {@link #reconfigure} (reload); written on the loop thread only. */
    private volatile VrrpRouterSettings settings;
    /** Loop thread: the last advert whose address list matched these settings' (checked once while it repeats). */
    private VrrpAdvert matchedAdvert;
    private VrrpRouterSettings matchedSettings;
    private final String tag;
    private final EventLoop loop;
    private volatile AdvertSender sender;
    private volatile VirtualAddressActions addresses;
    private final VrrpEventListener listener;
    /** Observers added after construction (management); called after {@link #listener}, on the loop thread. */
    private final List<VrrpEventListener> extraListeners = new CopyOnWriteArrayList<>();
    private final VrrpStatistics stats = new VrrpStatistics();
    private final RateLimitedLog rateLimitedLog;

    private final LoopTimer advertTimer;
    private final LoopTimer downTimer;
    private final LoopTimer garpDelayTimer;
    private final LoopTimer garpRefreshTimer;
    private final LoopTimer lowerPrioGarpTimer;
    private final LoopTimer resignTimer;

    private final Set<String> faults = new HashSet<>();
    private volatile VrrpState state = VrrpState.INIT;
    private volatile int basePriority;
    private volatile int effectivePriority;
    private int priorityAdjustment;
    /** Live preempt: starts as configured, changed by {@link #setPreempt}. */
    private volatile boolean preempt;
    /** While true (after {@link #resign}) the router stays BACKUP: no takeover, no preemption. */
    private volatile boolean resigned;
    /** Master_Adver_Interval in centiseconds: v3 learns it from the master's adverts. */
    private volatile int masterAdverIntervalCentis;
    private volatile InetAddress masterAddress;
    private volatile int masterPriority;
    /** What the down timer stands for when it expires. */
    private StateChangeReason downTimerCause = StateChangeReason.MASTER_DOWN;
    /** preempt_delay: lower-priority masters are followed until this loop-clock time; valid if preemptDeadlineSet. */
    private long preemptDeadline;
    private boolean preemptDeadlineSet;
    private VrrpAdvert cachedAdvert;
    /** Sync-group hook: consulted when the down timer expires; null = no group. */
    private volatile MasterGate masterGate;
    /** keepalived's wantstate GOTO_MASTER: the down timer expired but the group held us back. */
    private volatile boolean wantsMaster;

    public VrrpRouter(VrrpRouterSettings settings, EventLoop loop, AdvertSender sender,
                      VirtualAddressActions addresses, VrrpEventListener listener) {
        this.settings = settings;
        this.tag = "(" + settings.instanceName() + ") ";
        this.loop = loop;
        this.sender = sender;
        this.addresses = addresses;
        this.listener = listener;
        this.rateLimitedLog = new RateLimitedLog(LOG, loop.clock(), LOG_PERIOD_NANOS);
        this.basePriority = settings.priority();
        this.effectivePriority = settings.priority();
        this.masterAdverIntervalCentis = settings.advertIntervalCentis();
        this.preempt = settings.preempt();
        this.resignTimer = loop.newTimer(this::onResignEnd);
        this.advertTimer = loop.newTimer(this::onAdvertTimer);
        this.downTimer = loop.newPreciseTimer(this::onDownTimer);
        this.garpDelayTimer = loop.newTimer(() -> announce(this.settings.garp().masterRepeat(),
                AnnounceReason.MASTER_DELAYED));
        this.garpRefreshTimer = loop.newTimer(this::onGarpRefresh);
        this.lowerPrioGarpTimer = loop.newTimer(
                () -> announce(this.settings.garp().lowerPrioRepeat(), AnnounceReason.LOWER_PRIORITY_DELAYED));
    }

    // ---------------------------------------------------------------- queries (any thread)

    public VrrpRouterSettings settings() {
        return settings;
    }

    public String name() {
        return settings.instanceName();
    }

    public VrrpState state() {
        return state;
    }

    public int effectivePriority() {
        return effectivePriority;
    }

    public int basePriority() {
        return basePriority;
    }

    /** The master we follow (or our primary address as master); null when unknown. */
    public InetAddress masterAddress() {
        return masterAddress;
    }

    public int masterPriority() {
        return masterPriority;
    }

    /** Master_Adver_Interval in centiseconds (v3: learned from the master). */
    public int masterAdvertIntervalCentis() {
        return masterAdverIntervalCentis;
    }

    /** Live preempt (false = nopreempt). */
    public boolean preempt() {
        return preempt;
    }

    /** True while a {@link #resign} is in force. */
    public boolean resigned() {
        return resigned;
    }

    public VrrpStatistics.Snapshot statistics() {
        return stats.snapshot();
    }

    /** Skew_Time for the current effective priority and Master_Adver_Interval, µs. */
    public long skewMicros() {
        return VrrpTimers.skewMicros(settings.version(), effectivePriority, masterAdverIntervalCentis);
    }

    /** Master_Down_Interval for the current effective priority and Master_Adver_Interval, µs. */
    public long masterDownMicros() {
        return VrrpTimers.masterDownMicros(settings.version(), effectivePriority, masterAdverIntervalCentis,
                settings.downTimerAdverts());
    }

    // ---------------------------------------------------------------- commands (any thread)

    /** Removes stale VIPs, then goes MASTER at once as address owner, else BACKUP (or FAULT if a fault is raised). */
    public void start() {
        if (!loop.inLoop()) {
            loop.execute(this::start);
            return;
        }
        if (state != VrrpState.INIT && state != VrrpState.STOP) {
            LOG.warn("{}start ignored in state {}", tag, state);
            return;
        }
        // the timers count from here, not from after the start-up work below (in a fresh JVM that work runs cold
        // and took 2-9 ms, which delayed the preempt-back by as much)
        long startedAt = loop.clock().nanoTime();
        LOG.info("{}removing VIPs.", tag);
        addresses.remove(settings.virtualAddresses(), true);
        if (!faults.isEmpty()) {
            enterFault(true);
        } else if (effectivePriority == VrrpRouterSettings.PRIORITY_OWNER) {
            becomeMaster(StateChangeReason.ADDRESS_OWNER);
        } else {
            if (settings.initialState() == VrrpState.MASTER) {
                LOG.debug("{}configured state MASTER starts in BACKUP, as keepalived 2.2.7", tag);
            }
            preemptDeadlineSet = !settings.preemptDelay().isZero();
            preemptDeadline = startedAt + settings.preemptDelay().toNanos();
            enterBackup(StateChangeReason.STARTUP, settings.advertIntervalCentis(), startedAt);
        }
    }

    /** Graceful stop: as master send priority 0 and remove the VIPs; then STOP. */
    public void stop() {
        stop(StateChangeReason.STOPPED);
    }

    /** As {@link #stop()}, reporting {@code reason} (STOPPED, or REMOVED by a reload) with the transition to STOP. */
    public void stop(StateChangeReason reason) {
        if (!loop.inLoop()) {
            loop.execute(() -> stop(reason));
            return;
        }
        if (state == VrrpState.STOP || state == VrrpState.INIT) {
            return;
        }
        VrrpState from = state;
        if (from == VrrpState.MASTER) {
            leaveMaster(true);
        }
        downTimer.cancel();
        resignTimer.cancel();
        resigned = false;
        changeState(from, VrrpState.STOP, reason);
    }

    /**
     * Raises or clears one fault source (interface down, tracked object failed). The router is in FAULT while any
     * source is raised; when the last is cleared it returns to BACKUP (owner: MASTER at once).
     */
    public void setFault(String source, boolean faulty) {
        setFault(source, faulty, true);
    }

    /**
     * As {@link #setFault(String, boolean)}; {@code resign} false leaves MASTER without the priority-0 advert, as
     * keepalived 2.2.7 does for members a sync group drags into FAULT (no "sent 0 priority" for them).
     */
    public void setFault(String source, boolean faulty, boolean resign) {
        if (!loop.inLoop()) {
            loop.execute(() -> setFault(source, faulty, resign));
            return;
        }
        boolean changed = faulty ? faults.add(source) : faults.remove(source);
        if (!changed || state == VrrpState.INIT || state == VrrpState.STOP) {
            return;
        }
        if (faulty && state != VrrpState.FAULT) {
            LOG.info("{}fault raised by {}", tag, source);
            enterFault(resign);
        } else if (!faulty && faults.isEmpty() && state == VrrpState.FAULT) {
            LOG.info("{}fault cleared by {}", tag, source);
            if (effectivePriority == VrrpRouterSettings.PRIORITY_OWNER) {
                becomeMaster(StateChangeReason.ADDRESS_OWNER);
            } else {
                preemptDeadlineSet = false; // keepalived clears preempt_time on leaving FAULT
                enterBackup(StateChangeReason.FAULT_CLEARED, settings.advertIntervalCentis());
            }
        }
    }

    /**
     * Sets the sum of tracker weights: effective priority = base + adjustment, kept within 1..254. The address owner
     * keeps 255 (keepalived ignores weights there). Used for the skew and in the next adverts.
     */
    public void setPriorityAdjustment(int adjustment) {
        if (!loop.inLoop()) {
            loop.execute(() -> setPriorityAdjustment(adjustment));
            return;
        }
        priorityAdjustment = adjustment;
        if (basePriority == VrrpRouterSettings.PRIORITY_OWNER) {
            return;
        }
        setEffectivePriority(Math.max(1, Math.min(254, basePriority + adjustment)));
    }

    /** Counts an error the codec found in a packet for this VRID (length, type, checksum, version). */
    public void reportMalformed(MalformedKind kind, InetAddress source, String detail) {
        if (!loop.inLoop()) {
            loop.execute(() -> reportMalformed(kind, source, detail));
            return;
        }
        stats.malformed(kind);
        rateLimitedLog.log(Level.WARN, kind, tag + "malformed packet from " + hostOf(source) + ": " + detail);
    }

    /** Counts a protocol error seen outside the router (dispatcher: version). */
    void noteRejected(RejectReason reason, ReceivedAdvert in, String detail) {
        reject(reason, in, detail);
    }

    // ---------------------------------------------------------------- receive path

    /** Handles a received advert for our VRID (RFC 3768 §7.1 / RFC 5798 §7.1 checks, then §6.4.2 / §6.4.3). */
    public void receive(ReceivedAdvert in) {
        if (!loop.inLoop()) {
            loop.execute(() -> receive(in));
            return;
        }
        VrrpState current = state;
        if (current != VrrpState.BACKUP && current != VrrpState.MASTER) {
            return; // INIT, FAULT and STOP do not listen (keepalived drops them too)
        }
        VrrpAdvert advert = in.advert();
        if (!accepted(in, advert, current)) {
            return;
        }
        if (current == VrrpState.BACKUP) {
            backupReceive(in, advert);
        } else {
            masterReceive(in, advert);
        }
    }

    /**
     * keepalived's vrrp_check_packet() order: TTL, version, v2 auth type / password / AH, v2 interval; then the
     * advert counts as received; then the address list (a backup skips it for its current master with
     * skip_check_adv_addr); then priority 0 is counted.
     */
    private boolean accepted(ReceivedAdvert in, VrrpAdvert advert, VrrpState current) {
        if (!settings.isUnicast() && in.ttl() != 255) {
            return reject(RejectReason.IP_TTL, in, "TTL " + in.ttl() + ", expected 255");
        }
        if (advert.virtualRouterId() != settings.virtualRouterId() || advert.version() != settings.version()) {
            return reject(RejectReason.VERSION, in, "version " + advert.version() + " VRID " + advert.virtualRouterId());
        }
        if (settings.version() == 2) {
            int authType = advert.authType();
            if (authType != AuthType.NONE.code() && authType != AuthType.PASS.code() && authType != AuthType.AH.code()) {
                return reject(RejectReason.INVALID_AUTH_TYPE, in, "auth type " + authType);
            }
            VrrpAuthentication auth = settings.authentication();
            if (authType != auth.type().code()) {
                return reject(RejectReason.AUTH_TYPE_MISMATCH, in,
                        "received a " + authType + " auth, expecting " + auth.type().code());
            }
            if (auth.type() == AuthType.PASS && !auth.passwordMatches(advert.authData())) {
                return reject(RejectReason.AUTH_FAILURE, in, "bad password");
            }
            if (auth.type() == AuthType.AH && in.ah() != AhVerdict.VALID) {
                return reject(RejectReason.AUTH_FAILURE, in, "AH check " + in.ah());
            }
            if (advert.advertInterval() != settings.advertIntervalField()) {
                return reject(RejectReason.ADVERT_INTERVAL, in, "mine=" + settings.advertIntervalField()
                        + " sec, rcved=" + advert.advertInterval() + " sec");
            }
        } else if (advert.advertInterval() < 1 || advert.advertInterval() > 4095) {
            return reject(RejectReason.INVALID_ADVERT, in, "Max Adver Int " + advert.advertInterval());
        }
        stats.advertReceived();
        boolean skipAddressCheck = current == VrrpState.BACKUP && settings.skipCheckAdvAddr()
                && in.source().equals(masterAddress);
        if (!skipAddressCheck && !sameAddresses(advert)) {
            return reject(RejectReason.ADDRESS_LIST, in, "received " + advert.addresses().size()
                    + " addresses " + advert.addresses() + ", expected " + settings.virtualAddresses());
        }
        if (settings.isUnicast() && settings.checkUnicastSource() && !fromUnicastPeer(in)) {
            return false;
        }
        if (advert.priority() == 0) {
            stats.priorityZeroReceived();
        }
        return true;
    }

    /**
     * keepalived's check_unicast_src, last of the checks: the source must be a unicast_peer, and its TTL / hop limit
     * within that peer's min_ttl..max_ttl (a TTL error otherwise).
     */
    private boolean fromUnicastPeer(ReceivedAdvert in) {
        if (!settings.unicastPeers().contains(in.source())) {
            return reject(RejectReason.NOT_UNICAST_PEER, in, "unicast source address " + hostOf(in.source())
                    + " not a unicast peer");
        }
        VrrpRouterSettings.TtlRange range = settings.peerTtlRanges().get(in.source());
        if (range != null && in.ttl() >= 0 && !range.contains(in.ttl())) {
            return reject(RejectReason.IP_TTL, in, "TTL/HL " + in.ttl() + " not in range " + range.min() + " - "
                    + range.max());
        }
        return true;
    }

    private boolean sameAddresses(VrrpAdvert advert) {
        VrrpRouterSettings current = settings;
        if (advert == matchedAdvert && current == matchedSettings) {
            return true; // the channel hands the same decoded advert while the master repeats it
        }
        List<InetAddress> received = advert.addresses();
        List<InetAddress> ours = current.virtualAddresses();
        boolean same = received.size() == ours.size() && ours.containsAll(received);
        if (same) {
            matchedAdvert = advert;
            matchedSettings = current;
        }
        return same;
    }

    private boolean reject(RejectReason reason, ReceivedAdvert in, String detail) {
        stats.rejected(reason);
        rateLimitedLog.log(Level.WARN, reason, tag + "ignoring advert from " + hostOf(in.source()) + ": "
                + reason.description() + " (" + detail + ")");
        notifyListeners(l -> l.advertRejected(this, reason, in.source()));
        return false;
    }

    /** RFC 5798 §6.4.2 with keepalived's nopreempt / preempt_delay handling. */
    private void backupReceive(ReceivedAdvert in, VrrpAdvert advert) {
        int priority = advert.priority();
        if (priority == 0) {
            LOG.info("{}Backup received priority 0 advertisement", tag);
            downTimerCause = StateChangeReason.MASTER_RESIGNED;
            downTimer.armAt(in.receivedAtNanos() + skewMicros() * 1000);
            return;
        }
        long now = loop.clock().nanoTime();
        boolean followLower = !settings.preemptDelay().isZero()
                && (!preemptDeadlineSet || preemptDeadline - now > 0);
        if (!preempt || resigned || priority >= effectivePriority || followLower) {
            if (settings.version() == 3 && advert.advertInterval() != masterAdverIntervalCentis) {
                LOG.info("{}advertisement interval changed: mine={} milli-sec, rcved={} milli-sec", tag,
                        masterAdverIntervalCentis * 10, advert.advertInterval() * 10);
                masterAdverIntervalCentis = advert.advertInterval();
            }
            if (!settings.preemptDelay().isZero()) {
                if (priority >= effectivePriority) {
                    preemptDeadlineSet = false;
                } else if (!preemptDeadlineSet) {
                    preemptDeadlineSet = true;
                    preemptDeadline = now + settings.preemptDelay().toNanos();
                }
            }
            downTimerCause = StateChangeReason.MASTER_DOWN;
            downTimer.armAt(in.receivedAtNanos() + masterDownMicros() * 1000);
            wantsMaster = false;
            followMaster(in.source(), priority);
        } else {
            // Preempt: discard, let the down timer run out (keepalived does not preempt on the first lower advert).
            downTimerCause = StateChangeReason.PREEMPTION;
            rateLimitedLog.log(Level.INFO, "lower", tag + "received lower priority (" + priority + ") advert from "
                    + hostOf(in.source()) + " - discarding");
        }
    }

    /** RFC 5798 §6.4.3 with keepalived's owner conflict, lower_prio_no_advert and garp_lower_prio handling. */
    private void masterReceive(ReceivedAdvert in, VrrpAdvert advert) {
        int priority = advert.priority();
        if (priority == 0) {
            sendAdvert(effectivePriority); // keepalived answers at once and keeps its advert timer
            return;
        }
        if (priority == VrrpRouterSettings.PRIORITY_OWNER && effectivePriority == VrrpRouterSettings.PRIORITY_OWNER) {
            LOG.error("{}CONFIGURATION ERROR: local instance and a remote instance ({}) are both configured as address "
                    + "owner, please fix - reducing local priority", tag, hostOf(in.source()));
            basePriority = VrrpRouterSettings.PRIORITY_OWNER - 1;
            setEffectivePriority(basePriority);
        }
        int addressOrder = priority == effectivePriority ? compareAddresses(in.source(), settings.primaryAddress()) : 0;
        if (priority == effectivePriority && addressOrder == 0) {
            rateLimitedLog.log(Level.WARN, "own-address", tag
                    + "WARNING - equal priority advert received from remote host with our IP address.");
            return;
        }
        if (priority < effectivePriority || (priority == effectivePriority && addressOrder < 0)) {
            rateLimitedLog.log(Level.INFO, "lower", tag + "Received advert from " + hostOf(in.source())
                    + " with lower priority " + priority + ", ours " + effectivePriority
                    + (settings.lowerPrioNoAdvert() ? "" : ", forcing new election"));
            notifyListeners(l -> l.masterReceivedLowerPriority(this, in.source(), priority));
            if (!settings.lowerPrioNoAdvert()) {
                sendAdvert(effectivePriority);
            }
            GarpSettings garp = settings.garp();
            if (garp.lowerPrioRepeat() > 0) {
                announce(garp.lowerPrioRepeat(), AnnounceReason.LOWER_PRIORITY_ADVERT);
                if (!garp.lowerPrioDelay().isZero()) {
                    lowerPrioGarpTimer.arm(garp.lowerPrioDelay().toNanos());
                }
            }
            return;
        }
        StateChangeReason reason;
        if (priority > effectivePriority) {
            LOG.info("{}Master received advert from {} with higher priority {}, ours {}", tag, hostOf(in.source()),
                    priority, effectivePriority);
            reason = StateChangeReason.HIGHER_PRIORITY_ADVERT;
        } else {
            LOG.info("{}Master received advert from {} with same priority {} but higher IP address than ours", tag,
                    hostOf(in.source()), priority);
            reason = StateChangeReason.EQUAL_PRIORITY_HIGHER_ADDRESS;
        }
        if (settings.higherPrioSendAdvert()) {
            sendAdvert(effectivePriority);
        }
        leaveMaster(false);
        int learned = settings.version() == 3 ? advert.advertInterval() : settings.advertIntervalCentis();
        enterBackup(reason, learned);
        followMaster(in.source(), priority);
    }

    /** Unsigned network-order comparison of primary addresses (RFC 5798 §6.4.3). */
    static int compareAddresses(InetAddress a, InetAddress b) {
        return Arrays.compareUnsigned(a.getAddress(), b.getAddress());
    }

    private void followMaster(InetAddress master, int priority) {
        boolean changed = !master.equals(masterAddress) || priority != masterPriority;
        masterAddress = master;
        masterPriority = priority;
        if (changed) {
            notifyListeners(l -> l.newMaster(this, master, priority));
        }
    }

    // ---------------------------------------------------------------- transitions

    private void enterBackup(StateChangeReason reason, int masterAdverCentis) {
        enterBackup(reason, masterAdverCentis, loop.clock().nanoTime());
    }

    /** BACKUP with the Master_Down timer counted from {@code since} (loop clock). */
    private void enterBackup(StateChangeReason reason, int masterAdverCentis, long since) {
        VrrpState from = state;
        wantsMaster = false;
        masterAdverIntervalCentis = masterAdverCentis;
        downTimerCause = StateChangeReason.MASTER_DOWN;
        downTimer.armAt(since + masterDownMicros() * 1000);
        if (from != VrrpState.BACKUP) {
            masterAddress = null;
            masterPriority = 0;
        }
        LOG.info("{}Entering BACKUP STATE{}", tag, reason == StateChangeReason.STARTUP ? " (init)" : "");
        changeState(from, VrrpState.BACKUP, reason);
    }

    private void onDownTimer() {
        if (state != VrrpState.BACKUP) {
            return;
        }
        if (resigned) {
            downTimer.arm(masterDownMicros() * 1000); // resigned: let it run out again, do not take over
            return;
        }
        MasterGate gate = masterGate;
        if (gate != null && !gate.mayBecomeMaster(this)) {
            // keepalived vrrp_sync_can_goto_master(): prefer backup until every member wants master
            wantsMaster = true;
            LOG.info("{}Receive advertisement timeout, held in BACKUP by its sync group", tag);
            downTimer.arm(masterDownMicros() * 1000);
            return;
        }
        becomeMaster(downTimerCause);
    }

    // ---------------------------------------------------------------- sync-group hooks (additive)

    /** Sync groups: the gate decides whether an expired down timer may make this router MASTER. */
    public void setMasterGate(MasterGate gate) {
        this.masterGate = gate;
    }

    /** True while MASTER, or when the down timer expired but the sync group held the router in BACKUP. */
    public boolean wantsMaster() {
        return state == VrrpState.MASTER || wantsMaster;
    }

    /** The fault sources currently raised (loop thread). */
    public Set<String> faultSources() {
        return Set.copyOf(faults);
    }

    /** Sync group: a member went MASTER and every member wants it: become MASTER now (vrrp_sync_master). */
    public void syncToMaster() {
        if (!loop.inLoop()) {
            loop.execute(this::syncToMaster);
            return;
        }
        if (state == VrrpState.BACKUP && !resigned) {
            becomeMaster(StateChangeReason.SYNC_GROUP);
        }
    }

    /** Sync group: a member left MASTER for BACKUP: follow without a priority-0 advert (vrrp_sync_backup). */
    public void syncToBackup() {
        if (!loop.inLoop()) {
            loop.execute(this::syncToBackup);
            return;
        }
        if (state == VrrpState.MASTER) {
            leaveMaster(false);
            enterBackup(StateChangeReason.SYNC_GROUP, settings.advertIntervalCentis());
        }
    }

    /** keepalived vrrp_state_goto_master + vrrp_state_become_master: advert first, then VIPs and the GARP burst. */
    private void becomeMaster(StateChangeReason reason) {
        VrrpState from = state;
        downTimer.cancel();
        state = VrrpState.MASTER;
        masterAdverIntervalCentis = settings.advertIntervalCentis();
        // keepalived's next_master_reason: the owner start counts as preempted, a resigned master as priority
        stats.becameMaster(switch (reason) {
            case ADDRESS_OWNER, PREEMPTION -> NewMasterReason.PREEMPTED;
            case MASTER_RESIGNED -> NewMasterReason.PRIORITY;
            default -> NewMasterReason.MASTER_NO_RESPONSE;
        });
        sendAdvert(effectivePriority);
        armNextAdvert(loop.clock().nanoTime());
        LOG.info("{}Entering MASTER STATE", tag);
        addresses.install(settings.virtualAddresses());
        GarpSettings garp = settings.garp();
        announce(garp.masterRepeat(), AnnounceReason.BECOME_MASTER);
        if (!garp.masterDelay().isZero()) {
            garpDelayTimer.arm(garp.masterDelay().toNanos());
        }
        if (!garp.masterRefresh().isZero()) {
            garpRefreshTimer.arm(garp.masterRefresh().toNanos());
        }
        changeState(from, VrrpState.MASTER, reason);
        followMaster(settings.primaryAddress(), effectivePriority);
    }

    /** Stops master duties; {@code resign}: send priority 0 first (shutdown, fault). */
    private void leaveMaster(boolean resign) {
        advertTimer.cancel();
        garpDelayTimer.cancel();
        garpRefreshTimer.cancel();
        lowerPrioGarpTimer.cancel();
        if (resign) {
            sendAdvert(VrrpRouterSettings.PRIORITY_STOP);
        }
        addresses.remove(settings.virtualAddresses(), false);
        stats.releasedMaster();
    }

    private void enterFault(boolean resign) {
        VrrpState from = state;
        wantsMaster = false;
        if (from == VrrpState.MASTER) {
            leaveMaster(resign);
        }
        downTimer.cancel();
        masterAddress = null;
        LOG.info("{}Entering FAULT STATE", tag);
        changeState(from, VrrpState.FAULT, StateChangeReason.FAULT);
    }

    private void changeState(VrrpState from, VrrpState to, StateChangeReason reason) {
        state = to;
        notifyListeners(l -> l.stateChanged(this, from, to, reason));
    }

    private void setEffectivePriority(int priority) {
        int old = effectivePriority;
        if (old == priority) {
            return;
        }
        effectivePriority = priority;
        LOG.info("{}Changing effective priority from {} to {}", tag, old, priority);
        if (state == VrrpState.MASTER) {
            masterPriority = priority;
        }
        notifyListeners(l -> l.effectivePriorityChanged(this, old, priority));
    }

    private void notifyListeners(Consumer<VrrpEventListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            LOG.error("{}listener failed: {}", tag, e.toString(), e);
        }
        for (VrrpEventListener extra : extraListeners) {
            try {
                call.accept(extra);
            } catch (RuntimeException e) {
                LOG.error("{}listener failed: {}", tag, e.toString(), e);
            }
        }
    }

    // ---------------------------------------------------------------- reload (loop thread)

    /**
     * Applies a reloaded configuration of this same instance in place, as keepalived 2.2.7's reload keeps a
     * surviving instance: the state, the statistics and the master we follow stay; no transition, no priority-0
     * advert. Base priority (the effective one recomputed with the tracker adjustment), preempt, advert_int,
     * preempt_delay and every other setting take the new values. As MASTER the VIPs of {@code removedVips} are
     * deleted through the old port and {@code addedVips} installed through the new one (the unchanged ones are left
     * alone), then, if any was added, one GARP/NA burst for all of them and the refresh timer restarted, as
     * keepalived's restore_vrrp_state does. A BACKUP restarts its down timer on the new interval, as keepalived's
     * rebuilt timers do. The caller guarantees what identifies the instance (name, VRID, family, interface, ...) is
     * unchanged.
     */
    public void reconfigure(VrrpRouterSettings next, AdvertSender nextSender, VirtualAddressActions nextAddresses,
                            List<InetAddress> removedVips, List<InetAddress> addedVips) {
        if (!loop.inLoop()) {
            loop.execute(() -> reconfigure(next, nextSender, nextAddresses, removedVips, addedVips));
            return;
        }
        if (!next.instanceName().equals(settings.instanceName())
                || next.virtualRouterId() != settings.virtualRouterId() || next.family() != settings.family()) {
            throw new IllegalArgumentException(tag + "reconfigure cannot change name, VRID or family");
        }
        VrrpRouterSettings old = settings;
        boolean master = state == VrrpState.MASTER;
        if (master && !removedVips.isEmpty()) {
            addresses.exact().remove(removedVips, false);
        }
        settings = next;
        sender = nextSender;
        addresses = nextAddresses;
        cachedAdvert = null;
        if (next.preempt() != old.preempt()) {
            preempt = next.preempt();
        }
        if (next.priority() != old.priority()) {
            basePriority = next.priority();
            setEffectivePriority(next.isAddressOwner() ? VrrpRouterSettings.PRIORITY_OWNER
                    : Math.max(1, Math.min(254, basePriority + priorityAdjustment)));
        }
        if (master) {
            masterAdverIntervalCentis = next.advertIntervalCentis();
            if (!addedVips.isEmpty()) {
                addresses.exact().install(addedVips);
                announce(next.garp().masterRepeat(), AnnounceReason.RELOAD);
                garpRefreshTimer.cancel();
                if (!next.garp().masterRefresh().isZero()) {
                    garpRefreshTimer.arm(next.garp().masterRefresh().toNanos());
                }
            }
            if (masterPriority != effectivePriority) {
                followMaster(next.primaryAddress(), effectivePriority);
            }
        } else if (state == VrrpState.BACKUP) {
            if (next.version() == 2 || old.version() != next.version()) {
                masterAdverIntervalCentis = next.advertIntervalCentis();
            }
            downTimer.arm(masterDownMicros() * 1000);
        }
        LOG.info("{}reloaded in place ({}, priority {}, advert_int {} cs, {} VIPs: {} removed, {} added)", tag, state,
                effectivePriority, next.advertIntervalCentis(), next.virtualAddresses().size(), removedVips.size(),
                addedVips.size());
    }

    // ---------------------------------------------------------------- administrative commands (any thread)

    /** Adds an observer (management), called on the loop thread after the constructor's listener. */
    public void addListener(VrrpEventListener extra) {
        extraListeners.add(extra);
    }

    public void removeListener(VrrpEventListener extra) {
        extraListeners.remove(extra);
    }

    /**
     * Live base priority. 1..254; the address owner (configured 255) keeps 255 and cannot be changed, and only the
     * owner may have 255. Effective priority = base + tracker adjustment (1..254) as in {@link #setPriorityAdjustment}.
     */
    public CompletableFuture<CommandOutcome> setBasePriority(int priority) {
        return onLoop(() -> {
            if (priority < 1 || priority > VrrpRouterSettings.PRIORITY_OWNER) {
                return CommandOutcome.rejected(tag + "priority must be 1..254 (255 only for the address owner), got "
                        + priority);
            }
            if (settings.isAddressOwner()) {
                return priority == VrrpRouterSettings.PRIORITY_OWNER
                        ? CommandOutcome.unchanged(tag + "address owner keeps priority 255")
                        : CommandOutcome.rejected(tag + "is the address owner (priority 255); its priority cannot be "
                        + "changed to " + priority);
            }
            if (priority == VrrpRouterSettings.PRIORITY_OWNER) {
                return CommandOutcome.rejected(tag + "priority 255 is only for the address owner (configured "
                        + "priority 255); use 1..254");
            }
            if (priority == basePriority) {
                return CommandOutcome.unchanged(tag + "base priority is already " + priority);
            }
            int old = basePriority;
            basePriority = priority;
            setEffectivePriority(Math.max(1, Math.min(254, basePriority + priorityAdjustment)));
            return CommandOutcome.applied(tag + "base priority " + old + " -> " + priority + " (effective "
                    + effectivePriority + ")");
        });
    }

    /** Live preempt; takes effect with the next received advert. */
    public CompletableFuture<CommandOutcome> setPreempt(boolean enabled) {
        return onLoop(() -> {
            if (preempt == enabled) {
                return CommandOutcome.unchanged(tag + "preempt is already " + (enabled ? "on" : "off"));
            }
            preempt = enabled;
            return CommandOutcome.applied(tag + "preempt " + (enabled ? "on" : "off (nopreempt)"));
        });
    }

    /**
     * Gives up mastership for {@code duration} (1 s..24 h): as MASTER sends priority 0, removes the VIPs and goes
     * BACKUP; as BACKUP (or after that) neither takes over nor preempts until the time is up. A new resign replaces
     * the running one.
     */
    public CompletableFuture<CommandOutcome> resign(java.time.Duration duration) {
        return onLoop(() -> {
            if (duration.compareTo(java.time.Duration.ofSeconds(1)) < 0
                    || duration.compareTo(java.time.Duration.ofDays(1)) > 0) {
                return CommandOutcome.rejected(tag + "resign time must be 1..86400 s, got " + duration.toSeconds());
            }
            if (state != VrrpState.MASTER && state != VrrpState.BACKUP) {
                return CommandOutcome.rejected(tag + "is " + state + "; only MASTER or BACKUP can resign");
            }
            resigned = true;
            resignTimer.arm(duration.toNanos());
            LOG.info("{}resigning for {} s", tag, duration.toSeconds());
            if (state == VrrpState.MASTER) {
                leaveMaster(true);
                enterBackup(StateChangeReason.RESIGNED, settings.advertIntervalCentis());
                return CommandOutcome.applied(tag + "resigned mastership for " + duration.toSeconds() + " s");
            }
            return CommandOutcome.applied(tag + "will not take over for " + duration.toSeconds() + " s");
        });
    }

    private void onResignEnd() {
        resigned = false;
        LOG.info("{}resign period over", tag);
        if (state == VrrpState.BACKUP) {
            downTimerCause = StateChangeReason.MASTER_DOWN;
            downTimer.arm(masterDownMicros() * 1000);
        }
    }

    /** One burst of gratuitous ARPs / unsolicited NAs for the VIPs (garp_master_repeat, at least 1); MASTER only. */
    public CompletableFuture<CommandOutcome> sendGarp() {
        return onLoop(() -> {
            if (state != VrrpState.MASTER) {
                return CommandOutcome.rejected(tag + "is " + state + "; only the MASTER announces the VIPs");
            }
            int count = Math.max(1, settings.garp().masterRepeat());
            addresses.announce(settings.virtualAddresses(), count, AnnounceReason.ADMIN_REQUEST);
            return CommandOutcome.applied(tag + "sent " + count + " gratuitous ARP/NA per VIP");
        });
    }

    /** Zeroes the counters. */
    public CompletableFuture<CommandOutcome> resetStatistics() {
        return onLoop(() -> {
            stats.reset();
            return CommandOutcome.applied(tag + "statistics reset");
        });
    }

    /** Runs {@code command} on the loop thread (at once when already there); a throwing command is a rejection. */
    private CompletableFuture<CommandOutcome> onLoop(Supplier<CommandOutcome> command) {
        CompletableFuture<CommandOutcome> result = new CompletableFuture<>();
        Runnable run = () -> {
            try {
                result.complete(command.get());
            } catch (RuntimeException e) {
                LOG.error("{}command failed: {}", tag, e.toString(), e);
                result.complete(CommandOutcome.rejected(tag + "command failed: " + e));
            }
        };
        if (loop.inLoop()) {
            run.run();
        } else {
            loop.execute(run);
        }
        return result;
    }

    // ---------------------------------------------------------------- master duties

    private void onAdvertTimer() {
        if (state != VrrpState.MASTER) {
            return;
        }
        sendAdvert(effectivePriority, true);
        armNextAdvert(advertTimer.deadline());
    }

    /** Next advert one interval after {@code from}; scheduling from the previous deadline keeps the cadence drift-free. */
    private void armNextAdvert(long from) {
        long interval = VrrpTimers.intervalMicros(settings.advertIntervalCentis()) * 1000;
        long next = from + interval;
        long now = loop.clock().nanoTime();
        advertTimer.setSlack(Math.min(MAX_ADVERT_SLACK_NANOS, interval
                / (interval >= 1_000_000_000L ? ADVERT_SLACK_DIVISOR : SUBSECOND_ADVERT_SLACK_DIVISOR)));
        advertTimer.armAt(next - now > 0 ? next : now + interval);
    }

    private void onGarpRefresh() {
        if (state != VrrpState.MASTER) {
            return;
        }
        announce(settings.garp().masterRefreshRepeat(), AnnounceReason.MASTER_REFRESH);
        garpRefreshTimer.arm(settings.garp().masterRefresh().toNanos());
    }

    private void announce(int count, AnnounceReason reason) {
        if (count > 0 && state == VrrpState.MASTER) {
            addresses.announce(settings.virtualAddresses(), count, reason);
        }
    }

    /** Builds (once per priority) and sends an advert at once; steady-state adverts reuse the cached record. */
    private void sendAdvert(int priority) {
        sendAdvert(priority, false);
    }

    /** {@code periodic}: the advert timer's, which may leave with the other adverts of the loop's turn. */
    private void sendAdvert(int priority, boolean periodic) {
        VrrpAdvert advert = cachedAdvert;
        if (advert == null || advert.priority() != priority) {
            advert = buildAdvert(priority);
            if (priority == effectivePriority) {
                cachedAdvert = advert;
            }
        }
        stats.advertSent(priority);
        if (periodic) {
            sender.sendPeriodic(advert, settings.primaryAddress());
        } else {
            sender.send(advert, settings.primaryAddress());
        }
    }

    private VrrpAdvert buildAdvert(int priority) {
        if (settings.version() == 2) {
            return new VrrpAdvert(2, settings.virtualRouterId(), priority, settings.authentication().type().code(),
                    settings.advertIntervalField(), settings.virtualAddresses(), settings.authentication().wireAuthData());
        }
        return new VrrpAdvert(3, settings.virtualRouterId(), priority, 0, settings.advertIntervalField(),
                settings.virtualAddresses(), new byte[0]);
    }

    private static String hostOf(InetAddress address) {
        return address == null ? "?" : address.getHostAddress();
    }

    @Override
    public String toString() {
        return "VrrpRouter[" + settings.instanceName() + ", VRID " + settings.virtualRouterId() + ", " + state
                + ", prio " + effectivePriority + "]";
    }
}
