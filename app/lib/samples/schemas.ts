import { z } from "zod";

/**
 * Request bodies of the sample routes. Only types are checked here (a wrong type is a 400);
 * whether a size or a column makes sense for the dataset is the service's 422 `invalid_sample`.
 */
const whole = (label: string) =>
  z.number({ error: `${label} must be a number.` }).int(`${label} must be a whole number.`);

export const drawSampleSchema = z.object({
  name: z.string({ error: "Name is required." }).trim().min(1, "Name is required.").max(120, "Name must be at most 120 characters."),
  textColumn: z.string({ error: "textColumn must name a text column." }),
  size: whole("size"),
  strataColumn: z.string({ error: "strataColumn must be a column name." }).nullable().optional(),
  seed: whole("seed").min(-2147483648).max(2147483647, "seed must fit in 32 bits.").optional(),
  minPerStratum: whole("minPerStratum").optional(),
});
export type DrawSampleInput = z.infer<typeof drawSampleSchema>;

export const extendSampleSchema = z.object({
  /** The new total size (more than the current one). */
  size: whole("size"),
});
