package org.keepalived4j.config.model.vrrp;

/** static_*, vrrp_script, track_file, vrrp_track_process, vrrp_sync_group, vrrp_instance. */
public record VrrpConfig() {}
