package org.keepalived4j.config.bind;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.keepalived4j.config.model.ScriptCommand;
import org.keepalived4j.config.model.lvs.ForwardingMethod;
import org.keepalived4j.config.model.lvs.StatusCodeRange;
import org.keepalived4j.config.model.lvs.VirtualServerGroup;
import org.keepalived4j.config.syntax.ConfigNode;

/** Argument conversions specific to the LVS blocks; like BindContext's, each reports its own located error. */
final class LvsArgs {
    /** keepalived reads timers in microseconds. */
    static final BigDecimal MIN_TIMER = new BigDecimal("0.000001");
    /** keepalived allows more (2^64 µs); beyond this a Duration in µs would overflow and nobody needs it. */
    static final BigDecimal MAX_TIMER = new BigDecimal("9000000000000");
    /** connect_timeout is held in 32 bits of microseconds by keepalived. */
    static final BigDecimal MAX_CONNECT_TIMEOUT = new BigDecimal("4294.967295");
    static final long MAX_U32 = 4_294_967_295L;

    private LvsArgs() {}

    static OptionalInt port(BindContext ctx, ConfigNode node, int index) {
        return ctx.intArg(node, index, 1, 65535);
    }

    /** A keyword's one argument, an integer within [min, max] (weight, quorum, uthreshold ...). */
    static OptionalLong integer(BindContext ctx, ConfigNode node, long min, long max) {
        if (!ctx.arity(node, 1, 1)) {
            return OptionalLong.empty();
        }
        return ctx.integer(node, 0, min, max);
    }

    /** A TIMER: seconds with up to microsecond precision, within [min, max]. */
    static Optional<Duration> timer(BindContext ctx, ConfigNode node, BigDecimal min, BigDecimal max) {
        if (!ctx.arity(node, 1, 1)) {
            return Optional.empty();
        }
        return ctx.decimal(node, 0, min, max).map(LvsArgs::toDuration);
    }

    static Duration toDuration(BigDecimal seconds) {
        long micros = seconds.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
        return Duration.of(micros, ChronoUnit.MICROS);
    }

    /** An optional boolean argument ({@code alpha}, {@code alpha yes}); no argument means true. */
    static Optional<Boolean> optionalBool(BindContext ctx, ConfigNode node) {
        if (!ctx.arity(node, 0, 1)) {
            return Optional.empty();
        }
        return node.args().isEmpty() ? Optional.of(true) : bool(ctx, node, 0);
    }

    static Optional<Boolean> bool(BindContext ctx, ConfigNode node, int index) {
        String text = node.arg(index);
        String t = text == null ? "" : text.toLowerCase(Locale.ROOT);
        switch (t) {
            case "yes", "on", "true" -> {
                return Optional.of(true);
            }
            case "no", "off", "false" -> {
                return Optional.of(false);
            }
            default -> {
                ctx.error(node, "'" + node.keyword() + "' expects yes/no, on/off or true/false, got '" + (text == null ? "" : text) + "'");
                return Optional.empty();
            }
        }
    }

    /** {@code KEYWORD SCRIPT [USER [GROUP]]} (notify_up, quorum_up ...). */
    static Optional<ScriptCommand> script(BindContext ctx, ConfigNode node) {
        if (!ctx.arity(node, 1, 3)) {
            return Optional.empty();
        }
        if (node.arg(0).isBlank()) {
            ctx.error(node, "'" + node.keyword() + "' has an empty command");
            return Optional.empty();
        }
        return Optional.of(new ScriptCommand(node.arg(0), Optional.ofNullable(node.arg(1)), Optional.ofNullable(node.arg(2))));
    }

    /** {@code NAT|DR|TUN}; the TUN tunnel-type options (T3) are reported as not supported yet. */
    static Optional<ForwardingMethod> forwarding(BindContext ctx, ConfigNode node) {
        if (!ctx.arity(node, 1, Integer.MAX_VALUE)) {
            return Optional.empty();
        }
        Optional<ForwardingMethod> method = ForwardingMethod.fromKeyword(node.arg(0));
        if (method.isEmpty()) {
            ctx.error(node, "'" + node.keyword() + "' " + node.arg(0) + " is not a forwarding method (NAT, DR or TUN)");
        } else if (node.args().size() > 1) {
            if (method.get() == ForwardingMethod.TUN && "type".equals(node.arg(1))) {
                ctx.warning(node, "'" + node.keyword() + " TUN " + String.join(" ", node.args().subList(1, node.args().size()))
                        + "' tunnel options are not supported yet; ignored (ipip)");
            } else {
                ctx.error(node, "'" + node.keyword() + " " + node.arg(0) + "' takes no further arguments");
            }
        }
        return method;
    }

    /** A name-like argument that must be present and non-empty (virtualhost, snmp_name ...). */
    static Optional<String> text(BindContext ctx, ConfigNode node) {
        if (!ctx.arity(node, 1, 1)) {
            return Optional.empty();
        }
        if (node.arg(0).isEmpty()) {
            ctx.error(node, "'" + node.keyword() + "' must not be empty");
            return Optional.empty();
        }
        return Optional.of(node.arg(0));
    }

    /** {@code fwmark N}: 1..2^32-1 (0 would mark nothing; keepalived 2.2.7 accepts it, we refuse it). */
    static OptionalLong fwmark(BindContext ctx, ConfigNode node, int index) {
        return ctx.integer(node, index, 1, MAX_U32);
    }

    /** A netmask ({@code 255.255.255.0}) or prefix length, as a prefix length; non-contiguous masks refused. */
    static OptionalInt granularity(BindContext ctx, ConfigNode node) {
        if (!ctx.arity(node, 1, 1)) {
            return OptionalInt.empty();
        }
        String text = node.arg(0);
        if (text.matches("\\d{1,3}")) {
            int bits = Integer.parseInt(text);
            if (bits >= 1 && bits <= 128) {
                return OptionalInt.of(bits);
            }
        } else {
            Optional<InetAddress> mask = InetAddresses.parse(text);
            if (mask.isPresent() && mask.get() instanceof Inet4Address) {
                byte[] b = mask.get().getAddress();
                long v = ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
                int bits = Long.numberOfLeadingZeros(~v & 0xffffffffL) - 32;
                long contiguous = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
                if (v == contiguous && bits > 0) {
                    return OptionalInt.of(bits);
                }
            }
        }
        ctx.error(node, "'" + node.keyword() + "' expects a contiguous netmask or prefix length, got '" + text + "'");
        return OptionalInt.empty();
    }

    /** {@code 200} or {@code 200-299}, codes 100..599. */
    static Optional<StatusCodeRange> statusCodes(BindContext ctx, ConfigNode node, String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{3})(?:-(\\d{3}))?").matcher(text);
        if (m.matches()) {
            int first = Integer.parseInt(m.group(1));
            int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
            if (first >= 100 && last <= 599 && first <= last) {
                return Optional.of(new StatusCodeRange(first, last));
            }
        }
        ctx.error(node, "invalid status code '" + text + "' (expected 100..599 or a range such as 200-299)");
        return Optional.empty();
    }

    /** An MD5 digest as produced by genhash: 32 hex digits, kept lower case. */
    static Optional<String> digest(BindContext ctx, ConfigNode node) {
        if (!ctx.arity(node, 1, 1)) {
            return Optional.empty();
        }
        String text = node.arg(0);
        if (text.length() != 32) {
            ctx.error(node, "digest '" + text + "' has " + text.length() + " characters, an MD5 digest has 32 hex digits");
            return Optional.empty();
        }
        if (!text.matches("[0-9A-Fa-f]{32}")) {
            ctx.error(node, "digest '" + text + "' is not hexadecimal");
            return Optional.empty();
        }
        return Optional.of(text.toLowerCase(Locale.ROOT));
    }

    /**
     * A virtual_server_group address entry: {@code IP}, {@code IP-N} (last IPv4 byte / last IPv6 group),
     * {@code IP-IP} or {@code IP/LEN} (host bits must be zero, as keepalived requires), optionally a port.
     */
    static Optional<VirtualServerGroup.AddressRange> addressRange(BindContext ctx, ConfigNode node) {
        String text = node.keyword();
        int port = 0;
        if (node.args().size() > 1) {
            ctx.error(node, "virtual_server_group entry '" + node.text() + "' has too many fields (IP[-RANGE] [PORT])");
            return Optional.empty();
        }
        if (node.args().size() == 1) {
            OptionalInt p = port(ctx, node, 0);
            if (p.isEmpty()) {
                return Optional.empty();
            }
            port = p.getAsInt();
        }
        Optional<VirtualServerGroup.AddressRange> range = parseRange(text, port);
        if (range.isEmpty()) {
            ctx.error(node, "invalid virtual_server_group address or range '" + text + "'");
        }
        return range;
    }

    private static Optional<VirtualServerGroup.AddressRange> parseRange(String text, int port) {
        int slash = text.indexOf('/');
        if (slash >= 0) {
            Optional<org.keepalived4j.config.model.IpPrefix> prefix = org.keepalived4j.config.model.IpPrefix.parse(text);
            if (prefix.isEmpty()) {
                return Optional.empty();
            }
            byte[] a = prefix.get().address().getAddress();
            byte[] last = a.clone();
            int bits = prefix.get().prefixLength();
            for (int i = 0; i < a.length * 8; i++) {
                if (i >= bits) {
                    int mask = 0x80 >>> (i % 8);
                    if ((a[i / 8] & mask) != 0) {
                        return Optional.empty(); // host bits set: keepalived skips the entry
                    }
                    last[i / 8] |= (byte) mask;
                }
            }
            return ordered(prefix.get().address(), byAddress(last), port);
        }
        int dash = text.indexOf('-');
        if (dash < 0) {
            return InetAddresses.parse(text).map(a -> new VirtualServerGroup.AddressRange(a, a, port));
        }
        Optional<InetAddress> first = InetAddresses.parse(text.substring(0, dash));
        String end = text.substring(dash + 1);
        if (first.isEmpty() || end.isEmpty()) {
            return Optional.empty();
        }
        Optional<InetAddress> last = InetAddresses.parse(end);
        if (last.isEmpty()) {
            byte[] b = first.get().getAddress();
            if (b.length == 4) {
                if (!end.matches("\\d{1,3}") || Integer.parseInt(end) > 255) {
                    return Optional.empty();
                }
                b[3] = (byte) Integer.parseInt(end);
            } else {
                if (!end.matches("[0-9A-Fa-f]{1,4}")) {
                    return Optional.empty();
                }
                int v = Integer.parseInt(end, 16);
                b[14] = (byte) (v >>> 8);
                b[15] = (byte) v;
            }
            last = Optional.of(byAddress(b));
        }
        if (last.get().getAddress().length != first.get().getAddress().length) {
            return Optional.empty();
        }
        return ordered(first.get(), last.get(), port);
    }

    private static Optional<VirtualServerGroup.AddressRange> ordered(InetAddress first, InetAddress last, int port) {
        if (new java.math.BigInteger(1, first.getAddress()).compareTo(new java.math.BigInteger(1, last.getAddress())) > 0) {
            return Optional.empty();
        }
        return Optional.of(new VirtualServerGroup.AddressRange(first, last, port));
    }

    private static InetAddress byAddress(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // only thrown for a wrong length, which cannot happen here
        }
    }
}
