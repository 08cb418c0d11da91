/**
 * Tracked objects and what they do to a VRRP instance's priority and state, as keepalived 2.2.7 computes it.
 * <p>
 * {@link org.keepalived4j.track.TrackSource} is the live state of one tracked object (track_interface, vrrp_script,
 * track_file, vrrp_track_process), shared by all instances that track it; {@link org.keepalived4j.track.TrackWeight}
 * is keepalived's arithmetic; {@link org.keepalived4j.track.PriorityTracker} sums one instance's objects into
 * {@code VrrpRouter.setPriorityAdjustment} and raises a fault source per failing weight-0 object.
 * {@link org.keepalived4j.track.VrrpTracking} builds all of it from the model. Everything runs on the VRRP loop thread;
 * scripts run in their own processes ({@link org.keepalived4j.notify.ScriptRunner}) and /proc scans on a worker
 * thread, their results handed to the loop.
 * <p>
 * Wiring (the VRRP subsystem): build the routers with a {@link org.keepalived4j.vrrp.sync.ListenerChain}
 * (its own listeners, the {@link org.keepalived4j.notify.VrrpNotifier}, the sync group coordinator last); build
 * {@code VrrpTracking} with target {@code TrackTarget.of(router)} or {@code coordinator.member(name)} for group
 * members, and a {@link org.keepalived4j.track.LinkStateSource} fed by the netlink link monitor; {@code start()} it,
 * then start each router (or group) from {@code tracker.whenInitialised(...)}.
 */
package org.keepalived4j.track;
