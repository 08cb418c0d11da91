/**
 * Network namespace lab for tests of every module (published as keepalived4j-native's test-jar).
 *
 * <p>{@link org.keepalived4j.testlab.NetnsLab} builds {@code k4j-<prefix>-br} (bridges br0.., STP off,
 * forward_delay 0, mcast_snooping 0) and nodes {@code k4j-<prefix>-1..n}, each with {@code lan0} (10.77.0.n/24 by
 * default), lo up, rp_filter 0, ip_nonlocal_bind 1, IPv6 off unless asked for. It never configures the root
 * namespace; close() kills the processes it started (by PID) and deletes its namespaces. Tests using it are tagged
 * {@code @Tag("netns")} and call {@link org.keepalived4j.testlab.NetnsLab#assumeAvailable()} first.
 */
package org.keepalived4j.testlab;
