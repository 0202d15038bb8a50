import { constants, PerformanceObserver } from "node:perf_hooks";

/**
 * Counts the garbage collections of this process from now on (Node's `gc` performance entries),
 * until the returned function is called: what it returns is the count of each kind and their
 * pauses. A download's chunks are memory outside V8's heap that V8 counts against its limit, so a
 * process whose limit sits close to its live heap marks the whole heap every few MB received:
 * counted beside the download figures, it shows which mode the measuring process was in.
 */
export function countCollections() {
  const counts = { markCompacts: 0, incrementalMarkings: 0, scavenges: 0, pauseMs: 0 };
  const add = (entries) => {
    for (const entry of entries) {
      const kind = entry.detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) counts.markCompacts++;
      else if (kind === constants.NODE_PERFORMANCE_GC_INCREMENTAL) counts.incrementalMarkings++;
      else if (kind === constants.NODE_PERFORMANCE_GC_MINOR) counts.scavenges++;
      counts.pauseMs += entry.duration;
    }
  };
  const observer = new PerformanceObserver((list) => add(list.getEntries()));
  observer.observe({ entryTypes: ["gc"] });
  return () => {
    add(observer.takeRecords());
    observer.disconnect();
    return { ...counts, pauseMs: Math.round(counts.pauseMs * 10) / 10 };
  };
}
