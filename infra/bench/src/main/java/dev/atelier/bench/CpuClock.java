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
