/**
 * Mocks of MiniMax's Files API (upload, list, retrieve, retrieve_content, delete) for your own
 * contract tests: a Prism mock built from the spec this release implements (it validates every
 * request against it and answers any named example), a stateful fake that stores uploads and
 * acts on them (ids above 2^53, MiniMax-shaped errors, faults on request), a recording mock that
 * keeps every uploaded byte, the spec's named examples, and a vitest global setup. Nothing
 * reaches MiniMax.
 * @module
 */

export {
  type FakeFault,
  type FakeFile,
  type FakeOperation,
  type FakeRequest,
  type FakeVoice,
  type FilesFake,
  type FilesFakeOptions,
  startFilesFake,
} from "./files-fake.js";
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
