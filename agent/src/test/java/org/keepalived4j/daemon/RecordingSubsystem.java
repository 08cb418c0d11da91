package org.keepalived4j.daemon;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.keepalived4j.config.model.KeepalivedConfig;

/** Records the lifecycle calls it gets, naming configurations by the order they were first seen (c1, c2...). */
class RecordingSubsystem implements Subsystem {
    private final String name;
    private final List<String> calls;
    private final Map<KeepalivedConfig, String> names;
    private final boolean failOnStart;

    RecordingSubsystem(String name, List<String> sharedCalls, Map<KeepalivedConfig, String> sharedNames, boolean failOnStart) {
        this.name = name;
        this.calls = sharedCalls;
        this.names = sharedNames;
        this.failOnStart = failOnStart;
    }

    static Map<KeepalivedConfig, String> newNames() {
        return new IdentityHashMap<>();
    }

    static List<String> newCalls() {
        return new ArrayList<>();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start(KeepalivedConfig config) {
        calls.add(name + " start " + names.get(config));
        if (failOnStart) {
            throw new IllegalStateException(name + " cannot start");
        }
    }

    @Override
    public void reload(KeepalivedConfig config) {
        calls.add(name + " reload " + names.get(config));
    }

    @Override
    public void stop() {
        calls.add(name + " stop");
    }
}
