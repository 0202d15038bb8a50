/** A mistake on the command line or in its input that commander itself cannot see (exit code 2). */
export class UsageError extends Error {
  override name = "UsageError";
}
