package org.keepalived4j.config.model.vrrp;

/** The initial state written with {@code state}; keepalived starts as BACKUP unless MASTER is given. */
public enum VrrpState {
    MASTER,
    BACKUP
}
