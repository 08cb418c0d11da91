package org.keepalived4j.snmp;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.keepalived4j.management.ManagementSettings;

/**
 * The {@code snmp.*} keys of the management settings file, checked. Nothing is served unless {@code snmp.enabled}
 * is true; without communities or users nobody can read anything.
 *
 * <pre>
 * snmp.enabled = true
 * snmp.address = 127.0.0.1          # listen address (default 127.0.0.1)
 * snmp.port = 161                   # UDP port (default 161)
 * snmp.tcp = false                  # also listen on TCP
 * snmp.boot_file = /var/lib/keepalived4j/snmp-boot.bc   # engine ID + boot counter, kept across restarts
 * snmp.community.ro = public        # v1/v2c read-only community
 * snmp.community.rw = private       # v1/v2c read-write community
 * snmp.v3.users = monitor, admin
 * snmp.v3.user.admin.auth = SHA-256 # SHA (SHA-1), SHA-224, SHA-256, SHA-384, SHA-512
 * snmp.v3.user.admin.auth_password = ...
 * snmp.v3.user.admin.priv = AES     # AES (128), AES-192, AES-256; omit for authNoPriv
 * snmp.v3.user.admin.priv_password = ...
 * snmp.v3.user.admin.access = rw    # ro (default) or rw
 * snmp.trap.v2c = 127.0.0.1:162     # v2c trap receivers (comma separated host:port)
 * snmp.trap.community = public
 * snmp.trap.source = 10.0.0.1       # address notifications are sent from (default: any, the kernel picks by route)
 * snmp.inform.v3 = 127.0.0.1:162    # v3 inform receivers, sent as snmp.inform.user (authPriv as configured)
 * snmp.inform.user = admin
 * snmp.trap.burst = 10              # notifications per instance sent back to back before the rate limit
 * snmp.trap.per_minute = 30         # sustained notifications per instance per minute
 * snmp.refresh_ms = 1000            # counters served lag the engine by at most this (events: ~20 ms)
 * snmp.audit_rows = 100             # rows kept in k4jAuditTable
 * </pre>
 */
public record SnmpSettings(boolean enabled, String address, int port, boolean tcp, Optional<Path> bootFile,
                           Optional<String> readOnlyCommunity, Optional<String> readWriteCommunity, List<User> users,
                           List<String> v2cTrapTargets, String trapCommunity, List<String> v3InformTargets,
                           Optional<String> informUser, int trapBurst, int trapsPerMinute, int refreshMillis,
                           int auditRows, Optional<InetAddress> trapSource) {

    public enum Auth { SHA, SHA224, SHA256, SHA384, SHA512 }

    public enum Priv { AES128, AES192, AES256 }

    public record User(String name, Auth auth, String authPassword, Optional<Priv> priv,
                       Optional<String> privPassword, boolean readWrite) {
        @Override
        public String toString() {
            return "User[" + name + ", " + auth + ", " + priv.map(Enum::name).orElse("noPriv") + ", "
                    + (readWrite ? "rw" : "ro") + "]";
        }
    }

    public SnmpSettings {
        users = List.copyOf(users);
        v2cTrapTargets = List.copyOf(v2cTrapTargets);
        v3InformTargets = List.copyOf(v3InformTargets);
    }

    /** Reads and checks the keys; a bad value throws IllegalArgumentException naming the file and key. */
    public static SnmpSettings from(ManagementSettings s) {
        boolean enabled = s.getBoolean("snmp.enabled", false);
        String address = s.get("snmp.address", "127.0.0.1");
        int port = s.getInt("snmp.port", 161, 1, 65535);
        boolean tcp = s.getBoolean("snmp.tcp", false);
        List<User> users = new ArrayList<>();
        for (String name : list(s.get("snmp.v3.users", ""))) {
            String p = "snmp.v3.user." + name + ".";
            Auth auth = auth(s, p + "auth");
            String authPass = s.get(p + "auth_password")
                    .orElseThrow(() -> new IllegalArgumentException(s.where(p + "auth_password") + ": missing"));
            checkPassword(s, p + "auth_password", authPass);
            Optional<Priv> priv = s.get(p + "priv").map(v -> priv(s, p + "priv", v));
            Optional<String> privPass = s.get(p + "priv_password");
            if (priv.isPresent()) {
                if (privPass.isEmpty()) {
                    throw new IllegalArgumentException(s.where(p + "priv_password") + ": missing");
                }
                checkPassword(s, p + "priv_password", privPass.get());
            }
            String access = s.get(p + "access", "ro").toLowerCase(Locale.ROOT);
            if (!access.equals("ro") && !access.equals("rw")) {
                throw new IllegalArgumentException(s.where(p + "access") + ": expected ro or rw, got '" + access + "'");
            }
            users.add(new User(name, auth, authPass, priv, privPass, access.equals("rw")));
        }
        List<String> v2c = list(s.get("snmp.trap.v2c", ""));
        List<String> v3 = list(s.get("snmp.inform.v3", ""));
        v2c.forEach(t -> checkTarget(s, "snmp.trap.v2c", t));
        v3.forEach(t -> checkTarget(s, "snmp.inform.v3", t));
        Optional<String> informUser = s.get("snmp.inform.user");
        if (!v3.isEmpty()) {
            String u = informUser.orElseThrow(() ->
                    new IllegalArgumentException(s.where("snmp.inform.user") + ": needed for snmp.inform.v3"));
            if (users.stream().noneMatch(x -> x.name().equals(u))) {
                throw new IllegalArgumentException(s.where("snmp.inform.user") + ": no such user in snmp.v3.users: " + u);
            }
        }
        return new SnmpSettings(enabled, address, port, tcp, s.getPath("snmp.boot_file"),
                s.get("snmp.community.ro"), s.get("snmp.community.rw"), users, v2c,
                s.get("snmp.trap.community", "public"), v3, informUser,
                s.getInt("snmp.trap.burst", 10, 1, 10_000), s.getInt("snmp.trap.per_minute", 30, 1, 600_000),
                s.getInt("snmp.refresh_ms", 1000, 0, 60_000), s.getInt("snmp.audit_rows", 100, 0, 100_000),
                s.get("snmp.trap.source").map(a -> address(s, "snmp.trap.source", a)));
    }

    /** An address literal (no name lookup at start: DNS may be down when the daemon starts). */
    private static InetAddress address(ManagementSettings s, String key, String v) {
        String literal = v.startsWith("[") && v.endsWith("]") ? v.substring(1, v.length() - 1) : v;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException(s.where(key) + ": expected an IPv4 or IPv6 address, got '" + v + "'");
        }
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(s.where(key) + ": expected an IPv4 or IPv6 address, got '" + v + "'", e);
        }
    }

    private static List<String> list(String v) {
        List<String> out = new ArrayList<>();
        for (String p : v.split(",")) {
            if (!p.isBlank()) {
                out.add(p.trim());
            }
        }
        return out;
    }

    private static Auth auth(ManagementSettings s, String key) {
        String v = s.get(key).orElseThrow(() -> new IllegalArgumentException(s.where(key) + ": missing"));
        return switch (v.toUpperCase(Locale.ROOT).replace("-", "")) {
            case "SHA", "SHA1" -> Auth.SHA;
            case "SHA224" -> Auth.SHA224;
            case "SHA256" -> Auth.SHA256;
            case "SHA384" -> Auth.SHA384;
            case "SHA512" -> Auth.SHA512;
            default -> throw new IllegalArgumentException(s.where(key)
                    + ": expected SHA, SHA-224, SHA-256, SHA-384 or SHA-512, got '" + v + "' (MD5 is not offered)");
        };
    }

    private static Priv priv(ManagementSettings s, String key, String v) {
        return switch (v.toUpperCase(Locale.ROOT).replace("-", "")) {
            case "AES", "AES128" -> Priv.AES128;
            case "AES192" -> Priv.AES192;
            case "AES256" -> Priv.AES256;
            default -> throw new IllegalArgumentException(s.where(key)
                    + ": expected AES, AES-192 or AES-256, got '" + v + "' (DES is not offered)");
        };
    }

    private static void checkPassword(ManagementSettings s, String key, String v) {
        if (v.length() < 8) {
            throw new IllegalArgumentException(s.where(key) + ": at least 8 characters needed (RFC 3414)");
        }
    }

    private static void checkTarget(ManagementSettings s, String key, String target) {
        int colon = target.lastIndexOf(':');
        try {
            int port = Integer.parseInt(target.substring(colon + 1));
            if (colon <= 0 || port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(s.where(key) + ": expected host:port, got '" + target + "'", e);
        }
    }
}
