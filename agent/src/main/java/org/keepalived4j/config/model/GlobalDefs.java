package org.keepalived4j.config.model;

/** global_defs. Filled in by the VRRP/global model work (issue 2). */
public record GlobalDefs() {}
