/**
 * The management API over the VRRP engine: {@link org.keepalived4j.management.engine.VrrpManagementService}
 * (snapshots, commands on the loop thread, audit log), {@link org.keepalived4j.management.engine.EventBus}
 * (bounded per-subscriber delivery), {@link org.keepalived4j.management.engine.LiveOverlay} (live values across
 * reloads and restarts) and {@link org.keepalived4j.management.engine.ManagementSubsystem} (daemon glue, plugins).
 */
package org.keepalived4j.management.engine;
