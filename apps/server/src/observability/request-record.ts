import type { Context } from "hono";
import type { Caller } from "../callers/callers.js";
import type { RefusalReason } from "./metrics.js";

/** What the middlewares and routes learn about one request, logged as one line when it is answered. */
export interface RequestRecord {
  /** The request's id: the caller's `x-request-id` when it is sane, else a new UUID; echoed back. */
  requestId: string;
  /** The authenticated caller, if any. */
  caller: Caller | undefined;
  /** Body bytes received (the upload route). */
  bytesIn: number;
  /** What the upstream answered, when the upload reached it. */
  upstream: { httpStatus: number | undefined; code: number | undefined; traceId: string | undefined } | undefined;
  /** Why the server refused the request itself, if it did. */
  refusal: RefusalReason | undefined;
}

/** The variables every route and middleware can read. */
export interface RecordVariables {
  record: RequestRecord;
}

/** The record of the request in `c` (a blank one outside the request log, e.g. in unit tests). */
export function recordOf(c: Context): RequestRecord {
  let record = c.get("record") as RequestRecord | undefined;
  if (!record) {
    record = { requestId: "", caller: undefined, bytesIn: 0, upstream: undefined, refusal: undefined };
    c.set("record", record);
  }
  return record;
}
