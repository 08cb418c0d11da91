/**
 * vrrp_sync_group: {@link org.keepalived4j.vrrp.sync.SyncGroupCoordinator} observes its members' events and moves
 * them together (FAULT, BACKUP, MASTER) through the additive sync-group hooks of
 * {@link org.keepalived4j.vrrp.VrrpRouter} ({@code setMasterGate}, {@code syncToMaster}, {@code syncToBackup},
 * {@code setFault(source, faulty, resign)}).
 */
package org.keepalived4j.vrrp.sync;
