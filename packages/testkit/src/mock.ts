/**
 * The published `@minimax-files/mock`, as the workspace's tests use it: Prism always serves the
 * repository's live `spec/openapi.yaml` (not the copy bundled at build), under the names the
 * tests have always used.
 * @module
 */
import { type MockServer, type NamedExample, namedExamples, type StartMockOptions, startMock } from "@minimax-files/mock";
import { specPath } from "./paths.js";
import { startupBudgetMs } from "./startup-budgets.js";

export {
  type FakeFault,
  type FakeFile,
  type FakeOperation,
  type FilesFake,
  findFreePort,
  type RecordedFilePart as ReceivedFilePart,
  type RecordedReply as EchoReply,
  type RecordedUpload as ReceivedUpload,
  type RecordingMock as EchoServer,
  type RecordingMockOptions as EchoServerOptions,
  startFilesFake,
  startRecordingMock as startEchoServer,
  stopProcess,
  successReply,
} from "@minimax-files/mock";

/** Options of {@link startPrism}. */
export type StartPrismOptions = StartMockOptions;
/** A running Prism mock. */
export type PrismServer = MockServer;

/** Starts the Prism mock of the repository's `spec/openapi.yaml` (or `options.spec`) on a free port. */
export function startPrism(options: StartPrismOptions = {}): Promise<PrismServer> {
  return startMock({ spec: specPath, readyTimeoutMs: startupBudgetMs.prism, ...options });
}

/** Every named example of every operation of the repository's live spec (`$ref`s resolved). */
export function specExamples(): NamedExample[] {
  return namedExamples(specPath);
}
