package dk.brevrute.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time and memory of processes from Linux's /proc: {@code /proc/<pid>/stat} (utime, stime,
 * cutime, cstime in clock ticks; start time), {@code /proc/<pid>/status} (VmRSS, VmHWM: the peak
 * resident set), {@code /proc/<pid>/smaps_rollup} (Pss, for the PostgreSQL processes that share
 * their buffers).
 */
final class Proc {

    /** Clock ticks per second of the stat times (USER_HZ; 100 on Linux for decades). */
    static final long TICKS = ticks();

    /**
     * CPU and memory of a process or a process tree at one moment; {@code jitTicks} is the part of
     * {@code cpuTicks} spent by the JVM's JIT compiler threads (0 for processes that are not JVMs).
     */
    record Usage(long cpuTicks, long jitTicks, long rssKb, long hwmKb, long pssKb, int processes) {
        double cpuSeconds() {
            return cpuTicks / (double) TICKS;
        }

        double jitSeconds() {
            return jitTicks / (double) TICKS;
        }
    }

    private Proc() {
    }

    private static long ticks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor();
            return Long.parseLong(out);
        } catch (Exception e) {
            return 100;
        }
    }

    /** The fields after the command name in /proc/PID/stat (index 0 = state), or null if gone. */
    static String[] stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return s.substring(s.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static boolean alive(long pid) {
        String[] f = stat(pid);
        return f != null && !f[0].equals("Z");
    }

    /** utime + stime (+ cutime + cstime of reaped children) in ticks, or -1. */
    static long cpuTicks(long pid, boolean withReapedChildren) {
        String[] f = stat(pid);
        if (f == null) {
            return -1;
        }
        long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        if (withReapedChildren) {
            t += Long.parseLong(f[13]) + Long.parseLong(f[14]);
        }
        return t;
    }

    /**
     * CPU ticks of a JVM's JIT compiler threads ("C1 CompilerThread0", "C2 CompilerThread0", as the
     * kernel shortens them to 15 characters). A compiler thread the JVM retired took its ticks with it,
     * so this is a lower bound; with 2 CPUs HotSpot runs one thread of each kind and keeps both.
     */
    static long jitTicks(long pid) {
        long t = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm"));
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        String s = Files.readString(task.resolve("stat"));
                        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                        t += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        return t;
    }

    /** The process's start, in epoch milliseconds. */
    static long startedAtMillis(long pid) {
        String[] f = stat(pid);
        if (f == null) {
            return -1;
        }
        return bootTimeMillis() + Long.parseLong(f[19]) * 1000 / TICKS;
    }

    /**
     * When the machine booted, in wall-clock milliseconds: now minus {@code /proc/uptime} (hundredths of
     * a second). Not {@code btime} of {@code /proc/stat}: that is rounded down to the second, which made
     * every process look up to a second older than it was (and start-up up to a second slower).
     */
    static long bootTimeMillis() {
        try {
            String uptime = Files.readString(Path.of("/proc/uptime")).strip().split("\\s+")[0];
            return System.currentTimeMillis() - Math.round(Double.parseDouble(uptime) * 1000);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The whole machine's busy and total CPU ticks since boot, from the first line of /proc/stat. */
    static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).strip().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    static double load1() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** VmRSS and VmHWM in kB (0 when unknown). */
    static long[] memory(long pid) {
        long rss = 0;
        long hwm = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kb(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kb(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return new long[] {rss, hwm};
    }

    static long pss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return kb(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone or not permitted
        }
        return 0;
    }

    private static long kb(String line) {
        String[] parts = line.substring(line.indexOf(':') + 1).strip().split("\\s+");
        return Long.parseLong(parts[0]);
    }

    /** parent pid → children, for every process now. */
    static Map<Long, List<Long>> children() {
        Map<Long, List<Long>> result = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("[0-9]+"))) {
            for (Path dir : dirs) {
                long pid = Long.parseLong(dir.getFileName().toString());
                String[] f = stat(pid);
                if (f != null) {
                    result.computeIfAbsent(Long.parseLong(f[1]), k -> new ArrayList<>()).add(pid);
                }
            }
        } catch (IOException e) {
            // best effort
        }
        return result;
    }

    static List<Long> tree(long root, Map<Long, List<Long>> children) {
        List<Long> all = new ArrayList<>();
        List<Long> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            long pid = todo.remove(todo.size() - 1);
            if (all.contains(pid)) {
                continue;
            }
            all.add(pid);
            todo.addAll(children.getOrDefault(pid, List.of()));
        }
        return all;
    }

    /**
     * Usage of a single process ({@code tree} false) or of the roots and all their descendants; CPU of
     * reaped children counts (so a PostgreSQL backend that exits keeps its CPU in the sum).
     */
    static Usage usage(List<Long> roots, boolean tree, Map<Long, List<Long>> children) {
        long cpu = 0;
        long jit = 0;
        long rss = 0;
        long hwm = 0;
        long pss = 0;
        int n = 0;
        List<Long> pids = new ArrayList<>();
        for (long root : roots) {
            if (tree) {
                for (long pid : tree(root, children)) {
                    if (!pids.contains(pid)) {
                        pids.add(pid);
                    }
                }
            } else {
                pids.add(root);
            }
        }
        for (long pid : pids) {
            long t = cpuTicks(pid, true);
            if (t < 0) {
                continue;
            }
            n++;
            cpu += t;
            long[] m = memory(pid);
            rss += m[0];
            hwm += m[1];
            if (tree) {
                pss += pss(pid);
            } else {
                jit += jitTicks(pid);
            }
        }
        return new Usage(cpu, jit, rss, hwm, tree ? pss : rss, n);
    }
}
