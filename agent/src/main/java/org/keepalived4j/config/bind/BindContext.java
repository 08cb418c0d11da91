package org.keepalived4j.config.bind;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.HostEnvironment;
import org.keepalived4j.config.syntax.ConfigNode;

/**
 * What binders share while turning statements into the model: the findings and the host, plus the
 * argument conversions every block needs. Each conversion reports its own located error and returns
 * empty, so callers just skip the value.
 */
public final class BindContext {
    private final Diagnostics diagnostics;
    private final HostEnvironment host;

    public BindContext(Diagnostics diagnostics, HostEnvironment host) {
        this.diagnostics = diagnostics;
        this.host = host;
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }

    public HostEnvironment host() {
        return host;
    }

    public void error(ConfigNode node, String message) {
        diagnostics.error(node.where(), message);
    }

    public void warning(ConfigNode node, String message) {
        diagnostics.warning(node.where(), message);
    }

    /** True when the statement has between {@code min} and {@code max} arguments; otherwise an error. */
    public boolean arity(ConfigNode node, int min, int max) {
        int n = node.args().size();
        if (n >= min && n <= max) {
            return true;
        }
        String want = min == max ? String.valueOf(min) : max == Integer.MAX_VALUE ? "at least " + min : min + " to " + max;
        error(node, "'" + node.keyword() + "' takes " + want + " argument" + (max == 1 && min == 1 ? "" : "s") + ", got " + n);
        return false;
    }

    /** A whole number argument within {@code [min, max]}. */
    public OptionalLong integer(ConfigNode node, int index, long min, long max) {
        String text = node.arg(index);
        if (text == null) {
            error(node, "'" + node.keyword() + "' needs a number");
            return OptionalLong.empty();
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            error(node, "'" + node.keyword() + "' expects a whole number, got '" + text + "'");
            return OptionalLong.empty();
        }
        if (value < min || value > max) {
            error(node, "'" + node.keyword() + "' " + value + " is out of range " + min + ".." + max);
            return OptionalLong.empty();
        }
        return OptionalLong.of(value);
    }

    public OptionalInt intArg(ConfigNode node, int index, int min, int max) {
        OptionalLong v = integer(node, index, min, max);
        return v.isPresent() ? OptionalInt.of((int) v.getAsLong()) : OptionalInt.empty();
    }

    /** A decimal number of seconds (keepalived accepts fractions such as 0.05), within {@code [min, max]}. */
    public Optional<BigDecimal> decimal(ConfigNode node, int index, BigDecimal min, BigDecimal max) {
        String text = node.arg(index);
        if (text == null) {
            error(node, "'" + node.keyword() + "' needs a number");
            return Optional.empty();
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            error(node, "'" + node.keyword() + "' expects a number, got '" + text + "'");
            return Optional.empty();
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            error(node, "'" + node.keyword() + "' " + text + " is out of range " + min.toPlainString() + ".." + max.toPlainString());
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** A literal IPv4 or IPv6 address (never a host name: nothing is resolved). */
    public Optional<InetAddress> address(ConfigNode node, int index) {
        String text = node.arg(index);
        Optional<InetAddress> parsed = text == null ? Optional.empty() : InetAddresses.parse(text);
        if (parsed.isEmpty()) {
            error(node, "'" + node.keyword() + "' expects an IP address, got '" + (text == null ? "" : text) + "'");
        }
        return parsed;
    }

    /** A keyword that takes no argument; extra arguments are an error. */
    public boolean flag(ConfigNode node) {
        return arity(node, 0, 0);
    }

    /** The block of a statement that must open one; an error when it does not. */
    public Optional<java.util.List<ConfigNode>> block(ConfigNode node) {
        if (!node.hasBlock()) {
            error(node, "'" + node.keyword() + "' must be followed by a { } block");
            return Optional.empty();
        }
        return Optional.of(node.children());
    }
}
