/** The marker every test key carries; `setup/canary-scan.ts` fails a test whose errors show it. */
export const canaryMarker = "CANARY-5e1f0a9c7b";

/** A test API key that the canary scan recognises, e.g. `sk-client-CANARY-5e1f0a9c7b`. */
export function canaryKey(label: string): string {
  return `sk-${label}-${canaryMarker}`;
}
