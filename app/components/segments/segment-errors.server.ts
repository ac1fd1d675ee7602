import type { HttpError } from "~/lib/http/errors.server";

/**
 * Which field of the segment form a service error belongs to, so it is shown beside it: a
 * filter the compiler refused (its message names the column), a taken name, a missing dataset.
 */
export function segmentFieldFor(err: HttpError): string | undefined {
  if (err.code === "invalid_filter") return "filter";
  if (err.code === "duplicate_name") return "name";
  if (err.status === 404 && /dataset/i.test(err.message)) return "datasetId";
  return undefined;
}
