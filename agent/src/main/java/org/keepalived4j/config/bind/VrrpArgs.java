package org.keepalived4j.config.bind;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.keepalived4j.config.model.ScriptCommand;
import org.keepalived4j.config.syntax.ConfigNode;

/** Argument conversions shared by the global_defs and VRRP binders, on top of {@link BindContext}. */
final class VrrpArgs {
    private VrrpArgs() {}

    /** A whole-second limit keepalived applies to its microsecond timers (INT_MAX / TIMER_HZ). */
    static final long MAX_TIMER_SECONDS = Integer.MAX_VALUE / 1_000_000L;

    /** A (possibly fractional) number of seconds within [min, max], with microsecond resolution. */
    static Optional<Duration> seconds(BindContext ctx, ConfigNode node, int index, String min, String max) {
        return ctx.decimal(node, index, new BigDecimal(min), new BigDecimal(max)).map(VrrpArgs::toDuration);
    }

    static Duration toDuration(BigDecimal seconds) {
        BigDecimal micros = seconds.movePointRight(6).setScale(0, RoundingMode.HALF_UP);
        return Duration.ofNanos(micros.longValueExact() * 1000);
    }

    /** Seconds as keepalived.conf writes them: "5", "0.5", "0.000001". */
    static String formatSeconds(Duration d) {
        BigDecimal s = new BigDecimal(d.toNanos()).movePointLeft(9).stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0).toPlainString() : s.toPlainString();
    }

    /**
     * keepalived's {@code <BOOL>}: no argument means on; on/off, true/false, yes/no otherwise.
     */
    static Optional<Boolean> bool(BindContext ctx, ConfigNode node, int index) {
        if (!ctx.arity(node, index, index + 1)) {
            return Optional.empty();
        }
        String text = node.arg(index);
        if (text == null) {
            return Optional.of(true);
        }
        switch (text.toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes" -> {
                return Optional.of(true);
            }
            case "off", "false", "no" -> {
                return Optional.of(false);
            }
            default -> {
                ctx.error(node, "'" + node.keyword() + "' expects on|off|true|false|yes|no, got '" + text + "'");
                return Optional.empty();
            }
        }
    }

    /** {@code CMD [user [group]]}: the command line (quoted when it has arguments) and who runs it. */
    static Optional<ScriptCommand> script(BindContext ctx, ConfigNode node, int index) {
        if (!ctx.arity(node, index + 1, index + 3)) {
            return Optional.empty();
        }
        String command = node.arg(index);
        if (command.isBlank()) {
            ctx.error(node, "'" + node.keyword() + "' has an empty script");
            return Optional.empty();
        }
        return Optional.of(new ScriptCommand(command, Optional.ofNullable(node.arg(index + 1)),
                Optional.ofNullable(node.arg(index + 2))));
    }

    /** Integer-valued optional for record fields. */
    static Optional<Integer> boxed(OptionalInt v) {
        return v.isPresent() ? Optional.of(v.getAsInt()) : Optional.empty();
    }

    /** A {@code weight N [reverse]} keyword of vrrp_script, track_file and vrrp_track_process. */
    record BlockWeight(int weight, boolean reverse) {}

    /** Parses {@code weight N [reverse]} within {@code [min, max]}; {@code owner} names the block in messages. */
    static Optional<BlockWeight> blockWeight(BindContext ctx, ConfigNode node, int min, int max, String owner) {
        if (!ctx.arity(node, 1, 2)) {
            return Optional.empty();
        }
        OptionalInt w = ctx.intArg(node, 0, min, max);
        if (w.isEmpty()) {
            return Optional.empty();
        }
        if (node.arg(1) != null && !node.arg(1).equals("reverse")) {
            ctx.error(node, owner + ": unknown weight option '" + node.arg(1) + "' (only reverse)");
            return Optional.empty();
        }
        return Optional.of(new BlockWeight(w.getAsInt(), node.arg(1) != null));
    }

    /** {@code NAME [weight N [reverse|noreverse|no_reverse]]} inside track_* blocks. */
    record WeightSpec(Optional<Integer> weight, boolean reverse) {}

    static Optional<WeightSpec> weightSpec(BindContext ctx, ConfigNode node, int min, int max, String what) {
        Optional<Integer> weight = Optional.empty();
        boolean reverse = false;
        int i = 0;
        while (i < node.args().size()) {
            String word = node.arg(i);
            switch (word) {
                case "weight" -> {
                    String n = node.arg(i + 1);
                    Integer parsed = null;
                    try {
                        parsed = n == null ? null : Integer.valueOf(n);
                    } catch (NumberFormatException e) {
                        parsed = null;
                    }
                    if (parsed == null) {
                        ctx.error(node, what + " " + node.keyword() + ": weight needs a whole number, got '" + (n == null ? "" : n) + "'");
                        return Optional.empty();
                    }
                    if (parsed < min || parsed > max) {
                        ctx.error(node, what + " " + node.keyword() + ": weight " + parsed + " must be between [" + min + ".." + max + "] inclusive");
                        return Optional.empty();
                    }
                    weight = Optional.of(parsed);
                    i += 2;
                }
                case "reverse" -> {
                    reverse = true;
                    i++;
                }
                case "noreverse", "no_reverse" -> {
                    reverse = false;
                    i++;
                }
                default -> {
                    ctx.error(node, what + " " + node.keyword() + ": unknown option '" + word + "'");
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new WeightSpec(weight, reverse));
    }
}
