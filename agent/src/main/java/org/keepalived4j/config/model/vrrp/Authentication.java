package org.keepalived4j.config.model.vrrp;

/**
 * The {@code authentication} block of an instance.
 *
 * @param password at most 8 characters (keepalived truncates longer ones with a warning)
 */
public record Authentication(AuthType type, String password) {}
