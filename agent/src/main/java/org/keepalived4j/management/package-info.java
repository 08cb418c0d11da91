/**
 * The management API that JMX ({@code jmx/}) and SNMP ({@code mib/}) front ends share: immutable snapshots
 * ({@link org.keepalived4j.management.InstanceSnapshot} ...), an ordered event stream delivered off the VRRP thread
 * ({@link org.keepalived4j.management.ManagementListener}), validated commands that run on the VRRP loop thread
 * ({@link org.keepalived4j.management.Command}), an overlay of live values that survives reloads (and, with a state
 * file, restarts), and the {@link org.keepalived4j.management.ManagementPlugin} SPI front ends implement.
 * The VRRP engine imports nothing from here.
 */
package org.keepalived4j.management;
