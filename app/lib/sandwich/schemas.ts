/**
 * The query of GET /api/v1/samples/:sampleId/estimates (ADR 0190), and the shapes it answers.
 * Browser-safe: the matrix page and the code's Prevalence panel draw these.
 */
import { z } from "zod";

export const estimateMethods = ["sample", "model"] as const;
export type EstimateMethod = (typeof estimateMethods)[number];

/** At most this many segments in one `by` list. */
export const MAX_ESTIMATE_SEGMENTS = 50;

const segmentIds = z
  .string()
  .trim()
  .min(1, "`by` is `strata` or a comma-separated list of segment ids.")
  .transform((raw) => [...new Set(raw.split(",").map((s) => s.trim()))])
  .refine((ids) => ids.every((id) => /^[A-Za-z0-9_-]{1,64}$/.test(id)), "`by` holds something that is not a segment id.")
  .refine((ids) => ids.length <= MAX_ESTIMATE_SEGMENTS, `\`by\` names more than ${MAX_ESTIMATE_SEGMENTS} segments.`);

export const estimatesQuerySchema = z.object({
  codeId: z.string().trim().min(1).max(64).optional(),
  by: z
    .union([z.literal("strata"), segmentIds])
    .default("strata"),
  method: z.enum(estimateMethods, { message: "`method` is `sample` or `model`." }).default("sample"),
  subcodes: z.enum(["true", "false", "1", "0"], { message: "`subcodes` is true or false." }).optional(),
});
export type EstimatesQuery = z.infer<typeof estimatesQuerySchema>;

/** A share with its 95% interval, or nulls and the reason there is no number. */
export interface Figure {
  estimate: number | null;
  low: number | null;
  high: number | null;
  /** Present exactly when the estimate is null. */
  reason?: string;
}

export interface EstimateCell extends Figure {
  /** Rows of the table in the group (with text). */
  population: number;
  /** Done, drawn (not hand-picked) rows of the sample in the group. */
  done: number;
  /** Of those, how many carry the code. */
  positives: number;
  /** method=model only: the sample-only figure beside the model-assisted one. */
  sampleOnly?: Figure;
  /** method=model only: which of the two the pages show (the narrower interval). */
  used?: EstimateMethod;
}

export interface EstimateGroup extends EstimateCell {
  /** The stratum's value, or the segment's id (null for the stratum of empty values). */
  value: string | null;
  /** The segment's or stratum's name as shown. */
  label: string;
}

export interface CodeEstimates {
  codeId: string;
  method: EstimateMethod;
  /** method=model: the column holding the model's scores. */
  modelColumn?: string;
  overall: EstimateCell;
  groups: EstimateGroup[];
}
