package dk.brevrute.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /proc is read right: this JVM has used CPU and memory, and a child process is part of its tree. */
class ProcTest {

    @Test
    void readsThisProcessAndItsChildren() throws Exception {
        long self = ProcessHandle.current().pid();
        assertTrue(Proc.cpuTicks(self, false) > 0);
        long[] mem = Proc.memory(self);
        assertTrue(mem[0] > 0 && mem[1] >= mem[0], "VmRSS and VmHWM");
        long started = Proc.startedAtMillis(self);
        assertTrue(started > 0 && started <= System.currentTimeMillis());
        Process child = new ProcessBuilder("sleep", "5").start();
        try {
            Map<Long, List<Long>> children = Proc.children();
            assertTrue(Proc.tree(self, children).contains(child.pid()));
            assertTrue(Proc.usage(List.of(self), true, children).processes() >= 2);
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
    }

    @Test
    void timesAProcessStartToTheHundredthOfASecond() throws Exception {
        long before = System.currentTimeMillis();
        Process child = new ProcessBuilder("sleep", "5").start();
        long after = System.currentTimeMillis();
        try {
            long started = Proc.startedAtMillis(child.pid());
            // Clock ticks and /proc/uptime both count hundredths: 30 ms either side is their rounding.
            assertTrue(started >= before - 30 && started <= after + 30,
                    "started " + started + " not within [" + before + ", " + after + "]");
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
    }

    @Test
    void countsTheJitCompilerThreadsOfThisJvm() {
        long self = ProcessHandle.current().pid();
        long jit = Proc.jitTicks(self);
        // A test JVM has compiled plenty by now (JUnit, Maven's surefire); the compiler threads are part of the process.
        assertTrue(jit > 0, "C1/C2 compiler thread ticks");
        assertTrue(jit <= Proc.cpuTicks(self, false));
        Proc.Usage u = Proc.usage(List.of(self), false, Map.of());
        assertTrue(u.jitTicks() > 0 && u.jitTicks() <= u.cpuTicks());
    }
}
