package dev.atelier.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * CPU time (user + system) a process and its live descendants have used, from /proc: the cost of a request in CPU
 * milliseconds holds on a shared machine, where req/s and latencies depend on what else runs. The descendants
 * count for PostgreSQL (one backend process per pooled connection); they must live through the measured window.
 */
final class CpuClock {

    /** Linux's USER_HZ: /proc reports times in 1/100 s on every platform this runs on. */
    private static final double MILLIS_PER_TICK = 10.0;

    private CpuClock() {
    }

    /** CPU milliseconds of the process and its live descendants now; 0 where /proc cannot be read. */
    static double millis(long pid) {
        Map<Long, String[]> processes = new HashMap<>();
        try (Stream<Path> all = Files.list(Path.of("/proc"))) {
            all.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                String[] stat = stat(p.resolve("stat"));
                if (stat != null) {
                    processes.put(Long.parseLong(p.getFileName().toString()), stat);
                }
            });
        } catch (IOException e) {
            return 0;
        }
        Set<Long> tree = new HashSet<>(Set.of(pid));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<Long, String[]> process : processes.entrySet()) {
                if (!tree.contains(process.getKey()) && tree.contains(Long.parseLong(process.getValue()[1]))) {
                    grew |= tree.add(process.getKey());
                }
            }
        }
        return tree.stream().filter(processes::containsKey).mapToLong(p -> ticks(processes.get(p))).sum()
                * MILLIS_PER_TICK;
    }

    /** CPU milliseconds of the process alone, without its descendants (a launcher's services); 0 when gone. */
    static double ownMillis(long pid) {
        String[] stat = stat(Path.of("/proc", Long.toString(pid), "stat"));
        return stat == null ? 0 : ticks(stat) * MILLIS_PER_TICK;
    }

    /**
     * CPU milliseconds the whole machine has spent busy (every core, every process: /proc/stat's first line less
     * idle and iowait) since boot; 0 where /proc cannot be read. The difference over a window, less what the
     * measured processes used, is what everything else on a shared machine took meanwhile.
     */
    static double machineBusyMillis() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return busy * MILLIS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Context switches of the whole machine since boot (/proc/stat's {@code ctxt}: every core, every process and the
     * kernel's threads); 0 where /proc cannot be read. A count, not a time: per PAID order it does not move with the
     * machine's speed, and each switch is a hand-over between threads or processes that costs the kernel's
     * scheduler and the caches.
     */
    static long machineContextSwitches() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                if (line.startsWith("ctxt ")) {
                    return Long.parseLong(line.substring(5).trim());
                }
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * CPU milliseconds of a JVM's JIT compiler threads now (see {@link #jitAndGcMillis}); a compiler thread that has
     * ended (the JVM adds and removes them as needed) no longer counts, so this is a lower bound.
     */
    static double compilerMillis(long pid) {
        return jitAndGcMillis(pid)[0];
    }

    /**
     * CPU milliseconds of a JVM's JIT compiler threads and of its garbage collector's threads now, from
     * /proc/PID/task: a short run on a JVM still compiling its hot paths counts the compilation in its CPU per
     * request, which a long-running service no longer pays. {0, 0} where /proc cannot be read.
     */
    static double[] jitAndGcMillis(long pid) {
        double jit = 0;
        double gc = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String text;
                try {
                    text = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended
                }
                String name = text.substring(text.indexOf('(') + 1, text.lastIndexOf(')'));
                long ticks = ticks(text.substring(text.lastIndexOf(')') + 2).split(" "));
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    jit += ticks * MILLIS_PER_TICK;
                } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                    gc += ticks * MILLIS_PER_TICK;
                }
            }
        } catch (IOException | RuntimeException e) {
            return new double[] {0, 0};
        }
        return new double[] {jit, gc};
    }

    /** The pid of the process that runs with this text on its command line, or -1. */
    static long pidOf(String commandLinePart) {
        try (Stream<Path> all = Files.list(Path.of("/proc"))) {
            return all.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        try {
                            return new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ')
                                    .contains(commandLinePart);
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .mapToLong(p -> Long.parseLong(p.getFileName().toString())).min().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /** utime + stime: fields 14 and 15 of /proc/PID/stat, counted after the command name's closing parenthesis. */
    private static long ticks(String[] fieldsAfterName) {
        return Long.parseLong(fieldsAfterName[11]) + Long.parseLong(fieldsAfterName[12]);
    }

    /** The fields after "pid (name)": state, ppid, ... ; null when the process is gone. */
    private static String[] stat(Path file) {
        try {
            String text = Files.readString(file);
            return text.substring(text.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
