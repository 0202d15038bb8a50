/**
 * A mock of MiniMax's voice-cloning upload endpoint (`POST /minimax/v1/files/upload`) for your
 * own contract tests: a Prism mock built from the spec this release implements (it validates
 * every request against it), a recording mock that keeps every uploaded byte, the spec's named
 * examples, and a vitest global setup. Nothing reaches MiniMax.
 * @module
 */

export { findFreePort } from "./free-port.js";
export { type MockServer, type StartMockOptions, startMock } from "./prism-mock.js";
export {
  type RecordedFilePart,
  type RecordedReply,
  type RecordedUpload,
  type RecordingMock,
  type RecordingMockOptions,
  startRecordingMock,
  successReply,
} from "./recording-mock.js";
export { bundledSpecPath, exampleHeaders, type NamedExample, namedExamples } from "./spec-file.js";
export { stopProcess } from "./stop-process.js";
