package org.keepalived4j.jmx;

import java.util.Date;

/** A tracked object: {@code keepalived4j:type=VrrpScript,name=..} or {@code type=TrackedFile,name=..}. */
public interface TrackerMXBean {
    String getName();

    boolean isUp();

    long getValue();

    int getWeight();

    String[] getInstances();

    Date getLastChange();
}
