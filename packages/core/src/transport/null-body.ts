/** Statuses whose answers have no body, per the Fetch standard (a `Response` refuses one). */
const nullBodyStatuses = new Set([101, 103, 204, 205, 304]);

/** Whether an answer with this status has no body. */
export const isNullBodyStatus = (status: number): boolean => nullBodyStatuses.has(status);
