/**
 * Test helpers shared by the workspace's tests and demo: the Prism mock of `spec/`, a
 * byte-recording echo server, WAV fixtures and validation against the spec. Private.
 * @module
 */

export { chromiumPath, launchChromium } from "./chromium.js";
export {
  type EncodeOptions,
  type Encoding,
  encodeTone,
  encodings,
  lameEncode,
  type OtherEncoding,
  otherEncodings,
  speakWords,
} from "./encoders.js";
export { type Fault, type FaultServer, startFaultServer, successBody } from "./fault-server.js";
export { type M4aOptions, makeM4a } from "./m4a.js";
export {
  type EchoReply,
  type EchoServer,
  type EchoServerOptions,
  type FakeFault,
  type FakeFile,
  type FakeOperation,
  type FilesFake,
  findFreePort,
  type PrismServer,
  type ReceivedFilePart,
  type ReceivedUpload,
  type StartPrismOptions,
  specExamples,
  startEchoServer,
  startFilesFake,
  startPrism,
  stopProcess,
  successReply,
} from "./mock.js";
export { type Mp3Options, makeMp3 } from "./mp3.js";
export { type NodeProcess, startNodeProcess } from "./node-process.js";
export { operationPath, type SpecOperation, specDocument, specOperations, specPath, uploadPath } from "./paths.js";
export { type RedisServer, startRedis } from "./redis.js";
export { assertMatchesSpec } from "./spec.js";
export { startupBudgetMs, vitestTimeouts } from "./startup-budgets.js";
export { makeWav, type WavOptions } from "./wav.js";
