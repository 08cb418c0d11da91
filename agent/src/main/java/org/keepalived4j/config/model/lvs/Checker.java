package org.keepalived4j.config.model.lvs;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.keepalived4j.config.model.ScriptCommand;

/** A health checker of a real server; one record per checker block type. */
public sealed interface Checker {
    CheckerType type();

    CheckerTiming timing();

    /** TCP connect (TCP_CHECK). */
    record Tcp(CheckerTiming timing, CheckerConnection connection) implements Checker {
        @Override
        public CheckerType type() {
            return CheckerType.TCP_CHECK;
        }
    }

    /**
     * HTTP_GET.
     *
     * @param virtualhost effective default Host header (checker's, else real server's, else virtual server's)
     */
    record HttpGet(CheckerTiming timing, CheckerConnection connection, HttpProtocol httpProtocol,
            Optional<String> virtualhost, List<UrlCheck> urls) implements Checker {
        public HttpGet {
            urls = List.copyOf(urls);
        }

        @Override
        public CheckerType type() {
            return CheckerType.HTTP_GET;
        }
    }

    /** SSL_GET: HTTP_GET over TLS (context from the top-level SSL block), optionally sending SNI. */
    record SslGet(CheckerTiming timing, CheckerConnection connection, HttpProtocol httpProtocol,
            Optional<String> virtualhost, List<UrlCheck> urls, boolean enableSni) implements Checker {
        public SslGet {
            urls = List.copyOf(urls);
        }

        @Override
        public CheckerType type() {
            return CheckerType.SSL_GET;
        }
    }

    /** SMTP_CHECK; an empty HELO name means keepalived's default (the local host name). */
    record Smtp(CheckerTiming timing, CheckerConnection connection, Optional<String> heloName) implements Checker {
        @Override
        public CheckerType type() {
            return CheckerType.SMTP_CHECK;
        }
    }

    /**
     * MISC_CHECK: runs a program; exit 0 up, 1 down, with {@code dynamic} 2-255 sets weight to rc-2.
     *
     * @param timeout effective script timeout (misc_timeout, else the delay loop)
     */
    record Misc(CheckerTiming timing, ScriptCommand script, Duration timeout, boolean dynamic) implements Checker {
        @Override
        public CheckerType type() {
            return CheckerType.MISC_CHECK;
        }
    }

    /** DNS_CHECK: a query over UDP that must be answered. */
    record Dns(CheckerTiming timing, CheckerConnection connection, DnsQueryType queryType, String name) implements Checker {
        @Override
        public CheckerType type() {
            return CheckerType.DNS_CHECK;
        }
    }

    /** PING_CHECK: ICMP/ICMPv6 echo to the connect address. */
    record Ping(CheckerTiming timing, CheckerConnection connection) implements Checker {
        @Override
        public CheckerType type() {
            return CheckerType.PING_CHECK;
        }
    }

    /** UDP_CHECK: a datagram that must not draw an ICMP error (payload options not supported yet). */
    record Udp(CheckerTiming timing, CheckerConnection connection) implements Checker {
        @Override
        public CheckerType type() {
            return CheckerType.UDP_CHECK;
        }
    }
}
