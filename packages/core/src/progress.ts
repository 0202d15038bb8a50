/** Upload progress of the file's bytes. */
export interface UploadProgress {
  /** File bytes handed to the network so far; never decreases. */
  loaded: number;
  /** The file's size, when known before sending. */
  total: number | undefined;
}

/** Called as the file's bytes leave, during the upload. */
export type ProgressListener = (progress: UploadProgress) => void;

/** Reports progress to a listener, never going backwards and never past `total`. */
export class ProgressReporter {
  #loaded = 0;
  readonly #total: number | undefined;
  readonly #listener: ProgressListener | undefined;

  constructor(total: number | undefined, listener: ProgressListener | undefined) {
    this.#total = total;
    this.#listener = listener;
  }

  /** Reports `loaded` bytes in total, if that is more than before. */
  report(loaded: number): void {
    const bounded = this.#total === undefined ? loaded : Math.min(loaded, this.#total);
    if (bounded <= this.#loaded) return;
    this.#loaded = bounded;
    this.#listener?.({ loaded: bounded, total: this.#total });
  }
}
