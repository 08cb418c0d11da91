/**
 * Scripts and notifications as keepalived 2.2.7 runs them: {@link org.keepalived4j.notify.ScriptRunner} (own
 * processes, bounded concurrency, timeouts, user switching through setpriv), {@link org.keepalived4j.notify.ScriptPolicy}
 * (script security: disabled scripts never run; script_user / keepalived_script), notify scripts with
 * {@code INSTANCE|GROUP name STATE priority}, notify FIFOs with {@code INSTANCE "VI_1" MASTER 150} lines and SMTP
 * alerts with keepalived's wording ({@link org.keepalived4j.notify.VrrpNotifier}, built from the model by
 * {@link org.keepalived4j.notify.VrrpNotifications}).
 */
package org.keepalived4j.notify;
