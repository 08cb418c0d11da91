package org.keepalived4j.management;

/** A listener's registration; {@link #close()} stops delivery and its dispatcher thread. */
public interface Subscription extends AutoCloseable {
    /** Events dropped for this subscriber so far because its queue was full. */
    long dropped();

    @Override
    void close();
}
