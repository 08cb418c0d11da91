package org.keepalived4j.vrrp;

/** States of a VRRP router as keepalived reports them. */
public enum VrrpState {
    INIT, BACKUP, MASTER, FAULT, STOP
}
