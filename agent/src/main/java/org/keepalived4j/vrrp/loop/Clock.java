package org.keepalived4j.vrrp.loop;

/** Monotonic time source of the VRRP engine: nanoseconds from an arbitrary origin, like {@link System#nanoTime()}. */
@FunctionalInterface
public interface Clock {
    long nanoTime();
}
