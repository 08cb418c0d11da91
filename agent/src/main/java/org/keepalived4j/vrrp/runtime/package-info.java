/**
 * The VRRP subsystem of the daemon: {@link org.keepalived4j.vrrp.runtime.VrrpRuntime} wires engine routers to the
 * kernel adapters of {@code org.keepalived4j.vrrp.net} for a list of
 * {@link org.keepalived4j.vrrp.runtime.VrrpInstanceSpec}s; {@link org.keepalived4j.vrrp.runtime.VrrpSubsystem}
 * runs it under the daemon's lifecycle.
 * <p>
 * With the configuration model the runtime also runs, on the same loop: the trackers
 * ({@code org.keepalived4j.track}, track_interface fed by the {@code LinkWatcher}), the notifications
 * ({@code org.keepalived4j.notify}: notify scripts, FIFOs, SMTP), the sync groups ({@code org.keepalived4j.vrrp.sync};
 * link and tracker faults of members go through their coordinator), static_ipaddress/routes/rules for its lifetime and
 * virtual_routes/rules while an instance is MASTER ({@code KernelRoutes}). Start: static entries, trackers, group
 * states, then each router once its tracker is initialised. Stop: routers (priority 0), static entries removed,
 * trackers, notifications, scripts (queued STOP notifications may run for up to 3 s). Reload: per instance, as
 * keepalived 2.2.7 (see {@link org.keepalived4j.vrrp.runtime.VrrpRuntime#reload}).
 */
package org.keepalived4j.vrrp.runtime;
