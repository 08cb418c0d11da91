package org.keepalived4j.config.model.lvs;

/** The health checker kinds, named by their block keyword. */
public enum CheckerType {
    TCP_CHECK, HTTP_GET, SSL_GET, SMTP_CHECK, MISC_CHECK, DNS_CHECK, PING_CHECK, UDP_CHECK;

    public String keyword() {
        return name();
    }
}
