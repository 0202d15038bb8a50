import { type ErrorAnswer, statusCodes } from "../error-body.js";

/** The caller's request body failed before or while it was read; `answer` is what the caller gets. */
export class IntakeError extends Error {
  override name = "IntakeError";
  readonly answer: ErrorAnswer;

  constructor(status: 400 | 408 | 413 | 422, message: string, shouldRetry = false) {
    super(message);
    this.answer = { status, code: statusCodes.invalidParameters, message, shouldRetry };
  }
}
