/** Small numeric helpers for the bench: percentiles and resident memory. */
import fs from "node:fs";

/** Nearest-rank percentile (p in 0…100) of unsorted samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** This process's peak resident set (maxRSS), in MB. */
export function ownPeakRssMb(): number {
  // process.resourceUsage().maxRSS is in kilobytes.
  return round(process.resourceUsage().maxRSS / 1024, 1);
}

/** A process and its descendants (next start runs the server in a child), from /proc; null off Linux. */
export function processTree(rootPid: number): Set<number> | null {
  if (!fs.existsSync("/proc")) return null;
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name is in parentheses and may hold spaces: the ppid is the 2nd field after it.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // the process ended while we looked
    }
  }
  const tree = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (tree.has(ppid) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return tree;
}

/** Sum of one /proc/<pid>/status field (kB) over a process tree, in MB. */
function sumStatusField(tree: Set<number> | null, field: "VmHWM" | "VmRSS"): number | null {
  if (!tree) return null;
  const pattern = new RegExp(`${field}:\\s+(\\d+) kB`);
  let kb = 0;
  for (const pid of tree) {
    try {
      const match = pattern.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (match) kb += Number(match[1]);
    } catch {
      // ended
    }
  }
  return round(kb / 1024, 1);
}

/**
 * Peak resident set of a process and its descendants, from /proc/<pid>/status
 * VmHWM, in MB. Linux only; null elsewhere. Summing peaks over-states a little
 * if they peaked at different times.
 */
export function processTreePeakRssMb(rootPid: number): number | null {
  return sumStatusField(processTree(rootPid), "VmHWM");
}

/** Resident set right now (VmRSS) of the processes of `processTree`, in MB; null off Linux. Cheap enough to sample often. */
export function processesRssMb(tree: Set<number> | null): number | null {
  return sumStatusField(tree, "VmRSS");
}

/**
 * CPU time (user + system, all threads) the processes of `processTree` have used so far, in ms; null off Linux.
 * Assumes the usual 100 clock ticks per second. On a shared machine a CPU-bound phase's wall time depends on the
 * share it gets; its CPU time much less so, which makes two builds comparable across runs at different loads.
 */
export function processesCpuMs(tree: Set<number> | null): number | null {
  if (!tree) return null;
  let ticks = 0;
  for (const pid of tree) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      // utime and stime are the 12th and 13th fields after the parenthesised command name.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // ended
    }
  }
  return ticks * 10;
}
