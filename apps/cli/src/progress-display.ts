/**
 * Progress on a terminal (cli-progress): one bar for the batch and one per file in flight, with
 * bytes, rate and ETA, drawn on stderr; nothing at all when stderr is not a terminal, under
 * `CI`, or with `--no-progress`. stdout is never touched.
 * @module
 */
import type { CliIO } from "./io.js";

/** One file's progress. */
export interface FileProgress {
  update(loaded: number): void;
  done(): void;
}

/** The batch's progress. */
export interface ProgressDisplay {
  file(name: string, size: number): FileProgress;
  /** Bytes of files that will not be sent (skipped, refused): taken off the batch's total. */
  discount(bytes: number): void;
  stop(): void;
}

const silent: ProgressDisplay = { file: () => ({ update: () => {}, done: () => {} }), discount: () => {}, stop: () => {} };

/** Whether progress is drawn for this run. */
export function drawsProgress(io: CliIO, wanted: boolean): boolean {
  return wanted && io.stderrIsTTY && !io.env["CI"];
}

/** The display for a batch of `totalBytes`, or one that draws nothing. */
export async function progressDisplay(io: CliIO, wanted: boolean, totalBytes: number): Promise<ProgressDisplay> {
  if (!drawsProgress(io, wanted)) return silent;
  const { MultiBar, Presets } = await import("cli-progress");
  const bars = new MultiBar(
    {
      stream: io.progressStream,
      format: " {bar} {percentage}% | {name} | {done} of {size} | {rate} | ETA {eta_formatted}",
      barsize: 24,
      hideCursor: true,
      clearOnComplete: false,
      autopadding: true,
      etaBuffer: 20,
      fps: 10,
    },
    Presets.shades_classic,
  );
  const started = Date.now();
  let sent = 0;
  let total = totalBytes;
  const overall = bars.create(Math.max(total, 1), 0, payload("all files", 0, total, started));
  return {
    file(name, size) {
      const bar = bars.create(Math.max(size, 1), 0, payload(name, 0, size, Date.now()));
      const began = Date.now();
      let last = 0;
      return {
        update(loaded) {
          sent += loaded - last;
          last = loaded;
          bar.update(loaded, payload(name, loaded, size, began));
          overall.update(sent, payload("all files", sent, total, started));
        },
        done() {
          bars.remove(bar);
        },
      };
    },
    discount(bytes) {
      total -= bytes;
      overall.setTotal(Math.max(total, 1));
      overall.update(sent, payload("all files", sent, total, started));
    },
    stop() {
      bars.stop();
    },
  };
}

function payload(name: string, loaded: number, size: number, since: number) {
  const seconds = Math.max((Date.now() - since) / 1000, 0.001);
  return {
    name: name.length > 28 ? `…${name.slice(-27)}` : name,
    done: bytes(loaded),
    size: bytes(size),
    rate: `${bytes(loaded / seconds)}/s`,
  };
}

function bytes(count: number): string {
  if (count < 1024) return `${Math.round(count)} B`;
  if (count < 1024 ** 2) return `${(count / 1024).toFixed(1)} KiB`;
  return `${(count / 1024 ** 2).toFixed(1)} MiB`;
}
