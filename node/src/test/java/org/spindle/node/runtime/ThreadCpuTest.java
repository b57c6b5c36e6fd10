package org.spindle.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
    @Test
    void threadsAreGroupedByWhatTheirNamesSayTheyDo() {
        assertThat(ThreadCpu.group("node-3-loop")).isEqualTo("loop");
        assertThat(ThreadCpu.group("node-12-verify\n")).isEqualTo("verify");
        assertThat(ThreadCpu.group("JettyServerThre")).isEqualTo("http");
        assertThat(ThreadCpu.group("node-1-io-2-1")).isEqualTo("io");
        assertThat(ThreadCpu.group("bootnode-io-3-1")).isEqualTo("io");
        assertThat(ThreadCpu.group("C2 CompilerThre")).isEqualTo("jit");
        assertThat(ThreadCpu.group("C1 CompilerThre")).isEqualTo("jit");
        assertThat(ThreadCpu.group("VM Thread")).isEqualTo("gc");
        assertThat(ThreadCpu.group("node-3-worker")).isEqualTo("other");
    }

    @Test
    void aStatLineIsReadPastAThreadNameWithSpacesAndParentheses() {
        String stat = "4242 (C2 Compiler) x)) S 1 4242 4242 0 -1 4194368 100 0 0 0 1234 56 0 0 20 0 30 0 100 0 0";
        assertThat(ThreadCpu.ticksOf(stat)).isEqualTo(1234 + 56);
    }

    @Test
    void onLinuxTheGroupsAddUpToTheProcessCpuTimeGiven() {
        Map<String, Long> groups = ThreadCpu.byGroup(10_000).orElse(null);
        if (groups == null) {
            return; // no /proc here: nothing to break down
        }
        assertThat(groups.values().stream().mapToLong(Long::longValue).sum()).isBetween(9_990L, 10_010L);
        assertThat(groups).containsKey("other"); // at least this test's own thread
    }
}
