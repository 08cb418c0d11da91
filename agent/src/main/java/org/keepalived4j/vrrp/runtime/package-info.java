/**
 * The VRRP subsystem of the daemon: {@link org.keepalived4j.vrrp.runtime.VrrpRuntime} wires engine routers to the
 * kernel adapters of {@code org.keepalived4j.vrrp.net} for a list of
 * {@link org.keepalived4j.vrrp.runtime.VrrpInstanceSpec}s; {@link org.keepalived4j.vrrp.runtime.VrrpSubsystem}
 * runs it under the daemon's lifecycle.
 */
package org.keepalived4j.vrrp.runtime;
