import { z } from "zod";
import type { HttpError } from "../http/errors.server";
import { validationError } from "../http/body.server";
import { drawSampleSchema, type DrawSampleInput } from "./schemas";

/** The pages' forms send text: empty optional fields are left out, numbers are read as numbers. */
const optionalNumber = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : Number(v)));

const drawForm = z.object({
  name: z.string().optional().default(""),
  textColumn: z.string().optional().default(""),
  size: optionalNumber,
  strataColumn: z.string().optional(),
  seed: optionalNumber,
  minPerStratum: optionalNumber,
});

/** The draw form's fields as the API's body (same checks, same messages). */
export function parseDrawForm(form: FormData): DrawSampleInput {
  const f = drawForm.parse(Object.fromEntries(form));
  const parsed = drawSampleSchema.safeParse({ ...f, strataColumn: f.strataColumn || null });
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

export const extendFormSchema = z.object({ size: optionalNumber.pipe(z.number({ error: "Give the new total size." }).int("Give a whole number.")) });

export const setDoneFormSchema = z.object({
  documentId: z.string().min(1),
  done: z.enum(["true", "false"]).transform((v) => v === "true"),
});

/** Which field an error of the sample service is about (its message starts with the field). */
export function sampleFieldFor(err: HttpError): string | undefined {
  if (err.code === "duplicate_name") return "name";
  return err.code === "invalid_sample" ? /^(\w+):/.exec(err.message)?.[1] : undefined;
}
