package org.keepalived4j.management;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The management properties file ({@value #DEFAULT_PATH} unless {@code -Dkeepalived4j.management=FILE} or the
 * daemon says otherwise): {@code jmx.*} keys for JMX, {@code snmp.*} for the SNMP agent, {@code overlay.*} for live
 * changes. A missing file means defaults (remote JMX and SNMP off, no state file). Immutable.
 */
public final class ManagementSettings {
    public static final String DEFAULT_PATH = "/etc/keepalived4j/management.properties";
    public static final String PATH_PROPERTY = "keepalived4j.management";
    /** File where live changes are kept across restarts; unset = kept only across reloads. */
    public static final String OVERLAY_STATE_FILE = "overlay.state_file";

    private final Path source;
    private final Map<String, String> values;

    public ManagementSettings(Path source, Map<String, String> values) {
        this.source = source;
        this.values = Map.copyOf(values);
    }

    public static ManagementSettings empty() {
        return new ManagementSettings(null, Map.of());
    }

    /** The file named by {@value #PATH_PROPERTY}, else {@value #DEFAULT_PATH}. */
    public static Path defaultPath() {
        return Path.of(System.getProperty(PATH_PROPERTY, DEFAULT_PATH));
    }

    /** Reads the file; a missing file gives empty settings, an unreadable one an exception naming it. */
    public static ManagementSettings load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return new ManagementSettings(null, Map.of());
        }
        Map<String, String> map = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k).trim()));
        return new ManagementSettings(file, map);
    }

    /** The file read, empty when none existed. */
    public Optional<Path> source() {
        return Optional.ofNullable(source);
    }

    public Optional<String> get(String key) {
        String v = values.get(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    public String get(String key, String fallback) {
        return get(key).orElse(fallback);
    }

    /** true/yes/on and false/no/off; anything else is an error naming the key. */
    public boolean getBoolean(String key, boolean fallback) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return fallback;
        }
        return switch (v.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(where(key) + ": expected true or false, got '" + v.get() + "'");
        };
    }

    public int getInt(String key, int fallback, int min, int max) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n < min || n > max) {
                throw new IllegalArgumentException(where(key) + ": " + n + " is outside " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where(key) + ": not a number: '" + v.get() + "'", e);
        }
    }

    /** A path value, resolved against the settings file's directory when relative. */
    public Optional<Path> getPath(String key) {
        return get(key).map(Path::of).map(p -> p.isAbsolute() || source == null || source.getParent() == null
                ? p : source.getParent().resolve(p));
    }

    /** "file: key" for messages. */
    public String where(String key) {
        return (source == null ? "management settings" : source.toString()) + ": " + key;
    }

    /** Keys starting with {@code prefix}, with the prefix kept. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
