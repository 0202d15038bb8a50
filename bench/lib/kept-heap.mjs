/**
 * The environment that keeps glibc from handing freed heap back to the kernel, given to every
 * process on the bench's data path that is not the client measured (the sinks, the server, the
 * bare proxy, the content server).
 *
 * Node reads each socket chunk into a fresh 64 KiB buffer from malloc, and glibc hands the free
 * top of its heap back to the kernel once it passes a threshold that glibc moves as it goes
 * (`M_TRIM_THRESHOLD`, 128 KiB at first). Whether a process then re-faults the pages of its
 * read buffers on every upload depends on how its heap happened to grow. Without the threshold,
 * the same bare proxy took 17–19 ms of CPU per 20 MB upload in some processes and 28–68 ms in
 * others (600–3,000 page faults an upload, most of the difference system time); with it, 13–17
 * ms in every process, under 10 faults. A yardstick that was slow one run in two flattered the
 * server (round 11's "two speeds").
 */
export const keptHeapEnv = { MALLOC_TRIM_THRESHOLD_: String(256 * 1024 * 1024) };
