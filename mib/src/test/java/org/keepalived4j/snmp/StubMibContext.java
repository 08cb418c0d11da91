package org.keepalived4j.snmp;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.keepalived4j.management.ManagementEvent;

/**
 * The agent's side of a {@link MibView} for tests that build views without an agent: each test sets what its
 * objects depend on; nothing is dropped or suppressed.
 */
final class StubMibContext implements MibView.Context {
    private ToIntFunction<String> ifIndexes = name -> 0;
    private Instant agentStart = Instant.EPOCH;
    private boolean trapsEnabled;
    private Supplier<List<ManagementEvent.LiveSettingChanged>> audit = List::of;
    private long refreshMillis;
    private UpTimes upTimes;

    /** ifIndex by interface name; 0 (unknown) for every name unless set. */
    StubMibContext ifIndexes(ToIntFunction<String> ifIndexes) {
        this.ifIndexes = ifIndexes;
        return this;
    }

    StubMibContext agentStart(Instant agentStart) {
        this.agentStart = agentStart;
        return this;
    }

    StubMibContext trapsEnabled(boolean trapsEnabled) {
        this.trapsEnabled = trapsEnabled;
        return this;
    }

    /** Read on every build, so a test's audit trail shows its latest rows. */
    StubMibContext audit(Supplier<List<ManagementEvent.LiveSettingChanged>> audit) {
        this.audit = audit;
        return this;
    }

    StubMibContext refreshMillis(long refreshMillis) {
        this.refreshMillis = refreshMillis;
        return this;
    }

    StubMibContext upTimes(UpTimes upTimes) {
        this.upTimes = upTimes;
        return this;
    }

    @Override
    public int ifIndex(String interfaceName) {
        return ifIndexes.applyAsInt(interfaceName);
    }

    @Override
    public Instant agentStart() {
        return agentStart;
    }

    @Override
    public boolean trapsEnabled() {
        return trapsEnabled;
    }

    @Override
    public long eventsDropped() {
        return 0;
    }

    @Override
    public long notificationsSuppressed() {
        return 0;
    }

    @Override
    public List<ManagementEvent.LiveSettingChanged> audit() {
        return audit.get();
    }

    @Override
    public long refreshMillis() {
        return refreshMillis;
    }

    @Override
    public UpTimes upTimes() {
        return upTimes;
    }
}
