/**
 * Test helpers shared by the workspace's tests and demo: the Prism mock of `spec/`, a
 * byte-recording echo server, WAV fixtures and validation against the spec. Private.
 * @module
 */
export {
  findFreePort,
  startEchoServer,
  startPrism,
  stopProcess,
  successReply,
  type EchoReply,
  type EchoServer,
  type EchoServerOptions,
  type PrismServer,
  type ReceivedFilePart,
  type ReceivedUpload,
  type StartPrismOptions,
} from "./mock.js";
export { makeWav, type WavOptions } from "./wav.js";
export { makeMp3, type Mp3Options } from "./mp3.js";
export { makeM4a, type M4aOptions } from "./m4a.js";
export { encodeTone, encodings, lameEncode, otherEncodings, speakWords, type EncodeOptions, type Encoding, type OtherEncoding } from "./encoders.js";
export { assertMatchesSpec } from "./spec.js";
export { startFaultServer, successBody, type Fault, type FaultServer } from "./fault-server.js";
export { startNodeProcess, type NodeProcess } from "./node-process.js";
export { specDocument, specPath, uploadPath } from "./paths.js";
export { startRedis, type RedisServer } from "./redis.js";
