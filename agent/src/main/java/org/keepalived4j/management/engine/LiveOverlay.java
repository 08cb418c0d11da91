package org.keepalived4j.management.engine;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.management.Actor;
import org.keepalived4j.management.LiveOverride;

/**
 * Live values set over JMX/SNMP, keyed by (instance, key). Rule when the configuration file changes: a live value
 * wins over the file for as long as the file keeps the value it had when the live value was set; once the file's
 * value for that key changes, the file wins and the overlay entry is dropped (and logged). Setting a live value
 * equal to the file's drops the entry too. Thread-safe (synchronized); the optional state file is rewritten
 * atomically (temp file + rename) by {@link #save()}.
 */
public final class LiveOverlay {
    private static final Logger LOG = LogManager.getLogger(LiveOverlay.class);

    private final Path stateFile;
    private final Map<String, LiveOverride> entries = new LinkedHashMap<>();

    /** @param stateFile where entries are kept across restarts; null = memory only */
    public LiveOverlay(Path stateFile) {
        this.stateFile = stateFile;
    }

    private static String id(String instance, String key) {
        return instance + "/" + key;
    }

    public synchronized Optional<LiveOverride> get(String instance, String key) {
        return Optional.ofNullable(entries.get(id(instance, key)));
    }

    public synchronized List<LiveOverride> forInstance(String instance) {
        return entries.values().stream().filter(e -> e.instance().equals(instance)).toList();
    }

    public synchronized List<LiveOverride> all() {
        return List.copyOf(entries.values());
    }

    /** Records a live value; equal to the file's value means "back to the file": the entry is removed. */
    public synchronized void put(LiveOverride entry) {
        if (entry.value().equals(entry.fileValue())) {
            entries.remove(id(entry.instance(), entry.key()));
        } else {
            entries.put(id(entry.instance(), entry.key()), entry);
        }
    }

    public synchronized Optional<LiveOverride> remove(String instance, String key) {
        return Optional.ofNullable(entries.remove(id(instance, key)));
    }

    /**
     * Applies the rule above for one key against the file's current value; returns the entry still in force, or
     * empty (none, or dropped now because the file changed).
     */
    public synchronized Optional<LiveOverride> reconcile(String instance, String key, String fileValue) {
        LiveOverride e = entries.get(id(instance, key));
        if (e == null) {
            return Optional.empty();
        }
        if (e.fileValue().equals(fileValue)) {
            return Optional.of(e);
        }
        entries.remove(id(instance, key));
        LOG.info("({}) configuration changed {} from {} to {}: the file wins over the live value {} set by {} at {}",
                instance, key, e.fileValue(), fileValue, e.value(), e.actor(), e.since());
        return Optional.empty();
    }

    /** Drops entries of instances no longer configured; returns them. */
    public synchronized List<LiveOverride> retainInstances(java.util.Collection<String> instances) {
        List<LiveOverride> dropped = new ArrayList<>();
        entries.values().removeIf(e -> {
            if (!instances.contains(e.instance())) {
                dropped.add(e);
                LOG.info("({}) no longer configured: dropping live {} = {} set by {}", e.instance(), e.key(), e.value(),
                        e.actor());
                return true;
            }
            return false;
        });
        return dropped;
    }

    /** Reads the state file if there is one; unreadable entries are logged and skipped. */
    public synchronized void load() {
        if (stateFile == null) {
            return;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(stateFile, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            LOG.error("Cannot read live settings state file {}: {}", stateFile, e.toString());
            return;
        }
        for (String name : new TreeSet<>(p.stringPropertyNames())) {
            String[] id = name.split("/", 2);
            String v = p.getProperty(name);
            // value;fileValue;channel;name;since - the actor's name may itself contain ';'
            String[] head = v.split(";", 4);
            int lastSep = v.lastIndexOf(';');
            int actorStart = head.length == 4 ? head[0].length() + head[1].length() + head[2].length() + 3 : -1;
            if (id.length != 2 || head.length != 4 || lastSep < actorStart) {
                LOG.warn("{}: ignoring malformed entry {}", stateFile, name);
                continue;
            }
            String actorName = v.substring(actorStart, lastSep);
            try {
                entries.put(name, new LiveOverride(id[0], id[1], head[0], head[1], new Actor(head[2], actorName),
                        Instant.parse(v.substring(lastSep + 1))));
            } catch (DateTimeParseException e) {
                LOG.warn("{}: ignoring entry {} with a bad time", stateFile, name);
            }
        }
        LOG.info("Restored {} live setting(s) from {}", entries.size(), stateFile);
    }

    /** Writes the state file (if any) atomically. */
    public void save() {
        if (stateFile == null) {
            return;
        }
        Properties p = new Properties();
        synchronized (this) {
            for (var e : entries.entrySet()) {
                LiveOverride o = e.getValue();
                p.setProperty(e.getKey(), String.join(";", o.value(), o.fileValue(), o.actor().channel(),
                        o.actor().name(), o.since().toString()));
            }
        }
        try {
            Path dir = stateFile.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, stateFile.getFileName().toString(), ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "keepalived4j live settings: instance/key = value;file value;channel;who;since");
            }
            Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.error("Cannot write live settings state file {}: {}", stateFile, e.toString());
        }
    }
}
