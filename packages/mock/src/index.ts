/**
 * A mock of MiniMax's voice-cloning upload endpoint (`POST /minimax/v1/files/upload`) for your
 * own contract tests: a Prism mock built from the spec this release implements (it validates
 * every request against it), a recording mock that keeps every uploaded byte, the spec's named
 * examples, and a vitest global setup. Nothing reaches MiniMax.
 * @module
 */
export { startMock, type MockServer, type StartMockOptions } from "./prism-mock.js";
export { startRecordingMock, successReply, type RecordedFilePart, type RecordedReply, type RecordedUpload, type RecordingMock, type RecordingMockOptions } from "./recording-mock.js";
export { bundledSpecPath, exampleHeaders, namedExamples, type NamedExample } from "./spec-file.js";
export { findFreePort } from "./free-port.js";
export { stopProcess } from "./stop-process.js";
