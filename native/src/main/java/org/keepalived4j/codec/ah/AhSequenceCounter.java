package org.keepalived4j.codec.ah;

/**
 * keepalived's AH sequence number state ({@code ipsecah_counter} in vrrp.c): one counter per VRRP instance,
 * shared by sending and receiving. Not thread-safe.
 * <ul>
 * <li>Send: incremented before each advert, so the first advert carries 1; once the counter exceeds
 * 0xFFFFFFFD it stops and marks the counter as cycled (keepalived then gives up mastership).</li>
 * <li>Receive: a verified advert is accepted only if its sequence is strictly greater than the counter,
 * which then takes its value (replay protection); a backup accepting one clears the cycled mark.</li>
 * <li>Becoming master with the cycled mark set restarts the counter at 0.</li>
 * </ul>
 */
public final class AhSequenceCounter {
    static final long LAST_BEFORE_CYCLE = 0xFFFFFFFDL;

    private long counter;
    private boolean cycled;

    /** The sequence number for the next advert sent. */
    public long nextForSend() {
        if (counter > LAST_BEFORE_CYCLE) {
            cycled = true;
        } else {
            counter++;
        }
        return counter;
    }

    /**
     * Replay check for a received advert whose ICV and SPI were verified.
     *
     * @param backup whether the instance is in BACKUP state
     * @return true if accepted (sequence strictly greater than the counter)
     */
    public boolean acceptReceived(long sequence, boolean backup) {
        long s = sequence & 0xffffffffL;
        if (s <= counter) {
            return false;
        }
        counter = s;
        if (backup) {
            cycled = false;
        }
        return true;
    }

    /** Called on the transition to MASTER: a cycled counter starts again from 0. */
    public void onBecomingMaster() {
        if (cycled) {
            cycled = false;
            counter = 0;
        }
    }

    /** A master that hears a lower-priority advert moves past its sequence number. */
    public void moveBeyond(long receivedSequence) {
        counter = (receivedSequence & 0xffffffffL) + 1;
    }

    public long current() {
        return counter;
    }

    public boolean cycled() {
        return cycled;
    }

    /** Restores the counter kept across a reload. */
    public void restore(long value, boolean cycledMark) {
        counter = value & 0xffffffffL;
        cycled = cycledMark;
    }
}
