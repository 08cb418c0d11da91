package org.keepalived4j.config.model;

import org.keepalived4j.config.model.lvs.LvsConfig;
import org.keepalived4j.config.model.vrrp.VrrpConfig;

/**
 * The whole effective configuration: immutable, with every default filled in, equal after a
 * parse / dump / parse round trip.
 */
public record KeepalivedConfig(GlobalDefs global, VrrpConfig vrrp, LvsConfig lvs) {}
