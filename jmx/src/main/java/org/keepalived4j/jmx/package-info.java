/**
 * JMX front end over the management API: MXBeans named by {@link org.keepalived4j.jmx.ObjectNames}, notifications
 * built from the management event stream ({@link org.keepalived4j.jmx.JmxNotifications}), and the optional remote
 * connector ({@link org.keepalived4j.jmx.JmxRemoteConnector}); loaded by the daemon as the
 * {@link org.keepalived4j.jmx.JmxPlugin} ManagementPlugin.
 */
package org.keepalived4j.jmx;
