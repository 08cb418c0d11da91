package org.keepalived4j.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.GlobalDefs;
import org.keepalived4j.config.model.ScriptCommand;

/** notify_fifo_script: started with the FIFO name as last argument, reads the lines, stopped on close. */
class NotifyFifoTest {
    @TempDir
    Path dir;

    @Test
    void fifoScriptReadsTheLinesAndIsStoppedOnClose() throws Exception {
        Path out = dir.resolve("out");
        Path pid = dir.resolve("pid");
        Path reader = dir.resolve("reader.sh");
        // the last argument is the FIFO, as keepalived passes it
        Files.writeString(reader, "#!/bin/sh\necho $$ > " + pid + "\nfor f; do :; done\n"
                + "while read -r line; do echo \"$line\" >> " + out + "; done < \"$f\"\n");
        Files.setPosixFilePermissions(reader, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path fifoPath = dir.resolve("notify.fifo");
        try (ScriptRunner runner = new ScriptRunner(ScriptPolicy.permissive(), 2, 16)) {
            NotifyFifo fifo = NotifyFifo.open(new GlobalDefs.NotifyFifo(fifoPath, Optional.empty(), Optional.empty(),
                    Optional.of(ScriptCommand.of(reader + " first-arg"))), runner, 64).orElseThrow();
            fifo.write("INSTANCE \"VI_1\" BACKUP 100");
            fifo.write("INSTANCE \"VI_1\" MASTER 100");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(out) && Files.readAllLines(out).size() == 2);
            assertThat(Files.readAllLines(out)).containsExactly("INSTANCE \"VI_1\" BACKUP 100", "INSTANCE \"VI_1\" MASTER 100");
            long scriptPid = Long.parseLong(Files.readString(pid).strip());
            assertThat(ProcessHandle.of(scriptPid).map(ProcessHandle::isAlive)).contains(true);
            fifo.close();
            await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(scriptPid).map(h -> !h.isAlive()).orElse(true));
        }
    }

    @Test
    void aFifoNobodyReadsNeverBlocksTheWriter() throws Exception {
        Path fifoPath = dir.resolve("unread.fifo");
        try (ScriptRunner runner = new ScriptRunner(ScriptPolicy.permissive(), 2, 16)) {
            NotifyFifo fifo = NotifyFifo.open(new GlobalDefs.NotifyFifo(fifoPath, Optional.empty(), Optional.empty(),
                    Optional.empty()), runner, 16).orElseThrow();
            // far more than the pipe holds: the writer thread blocks, write() keeps returning, excess lines are dropped
            String line = "INSTANCE \"" + "V".repeat(200) + "\" MASTER 100";
            for (int i = 0; i < 2000; i++) {
                fifo.write(line);
            }
            assertThat(fifo.droppedCount()).isGreaterThan(0);
            fifo.close();
        }
    }
}
