import { z } from "zod";

export const MAX_ROUND_CODERS = 10;
export const MAX_ROUND_DOCUMENTS = 500;

const ids = (what: string, max: number) =>
  z
    .array(z.string().min(1), { error: `List the ${what} by id.` })
    .min(1, `Choose at least one ${what.replace(/s$/, "")}.`)
    .max(max, `At most ${max} ${what}.`)
    .transform((list) => [...new Set(list)]);

/** Starting a round: what the form and the API send. */
export const createRoundSchema = z.object({
  name: z.string().trim().min(1, "Give the round a name.").max(200, "Keep the name under 200 characters."),
  instructions: z.string().trim().max(5000, "Keep the instructions under 5,000 characters.").default(""),
  coderIds: ids("coders", MAX_ROUND_CODERS).refine((list) => list.length >= 2, "Choose at least two coders to compare."),
  documentIds: ids("documents", MAX_ROUND_DOCUMENTS),
});
export type CreateRoundInput = z.infer<typeof createRoundSchema>;
