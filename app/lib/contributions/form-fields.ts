import { z } from "zod";
import { formAccesses, formFieldTypes, formStatuses, type FormField, type FormFieldType } from "../../../db/kinds";

/**
 * What an intake form may ask (API.md, "Contributions"). Browser-safe: the form builder shows
 * the same messages the API answers with. Every message names the field it is about, because
 * a form definition arrives as one JSON body and "invalid" alone would not say where.
 */

export const MAX_FORM_FIELDS = 40;
export const MAX_FIELD_OPTIONS = 50;
const withOptions: ReadonlySet<FormFieldType> = new Set(["choice", "multi_choice"]);

const fieldTypeList = formFieldTypes.join(", ");

export const formFieldSchema = z
  .object({
    name: z
      .string({ error: "Each field needs a name." })
      .regex(
        /^[a-z][a-z0-9_]{0,39}$/,
        "A field name must start with a lower-case letter and hold only a-z, 0-9 and _ (at most 40 characters).",
      ),
    label: z
      .string({ error: "Each field needs a label." })
      .trim()
      .min(1, "Each field needs a label.")
      .max(200, "A field label must be at most 200 characters."),
    type: z.enum(formFieldTypes, { error: `A field type must be one of ${fieldTypeList}.` }),
    required: z.boolean({ error: "required must be true or false." }).optional(),
    options: z
      .array(
        z.string({ error: "Each option must be text." }).trim().min(1, "An option cannot be empty.").max(200, "An option must be at most 200 characters."),
        { error: "options must be a list of texts." },
      )
      .optional(),
  })
  .superRefine((field, ctx) => {
    // Messages are prefixed with the field's name: the path alone says "fields.3".
    const about = `Field "${field.name}"`;
    if (withOptions.has(field.type)) {
      const options = field.options ?? [];
      if (options.length < 2 || options.length > MAX_FIELD_OPTIONS) {
        ctx.addIssue({
          code: "custom",
          path: ["options"],
          message: `${about} (${field.type}) needs between 2 and ${MAX_FIELD_OPTIONS} options.`,
        });
      } else if (new Set(options).size !== options.length) {
        ctx.addIssue({ code: "custom", path: ["options"], message: `${about} lists the same option twice.` });
      }
    } else if (field.options !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["options"],
        message: `${about} is a ${field.type} field and cannot have options (only choice and multi_choice do).`,
      });
    }
  });

export const formFieldsSchema = z
  .array(formFieldSchema, { error: "fields must be a list of fields." })
  .min(1, "A form needs at least one field.")
  .max(MAX_FORM_FIELDS, `A form can have at most ${MAX_FORM_FIELDS} fields.`)
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    fields.forEach((field, i) => {
      if (seen.has(field.name)) {
        ctx.addIssue({ code: "custom", path: [i, "name"], message: `Two fields are named "${field.name}"; names must be unique.` });
      }
      seen.add(field.name);
    });
    if (!fields.some((f) => f.type === "long_text")) {
      ctx.addIssue({
        code: "custom",
        message: "A form needs at least one long_text field: it holds the story or observation.",
      });
    }
    const caseKeys = fields.filter((f) => f.type === "case_key");
    if (caseKeys.length > 1) {
      ctx.addIssue({
        code: "custom",
        message: `A form can have at most one case_key field (found ${caseKeys.map((f) => `"${f.name}"`).join(", ")}).`,
      });
    }
  })
  // Strip zod's optional undefineds so what is stored is exactly the FormField shape.
  .transform((fields): FormField[] =>
    fields.map(({ name, label, type, required, options }) => ({
      name,
      label,
      type,
      ...(required !== undefined ? { required } : {}),
      ...(options !== undefined ? { options } : {}),
    })),
  );

const title = z
  .string({ error: "title is required." })
  .trim()
  .min(1, "title is required.")
  .max(200, "title must be at most 200 characters.");
const prompt = z.string({ error: "prompt must be text." }).trim().max(5000, "prompt must be at most 5000 characters.");
const consentText = z
  .string({ error: "consentText is required: contributors must know what they agree to." })
  .trim()
  .min(1, "consentText is required: contributors must know what they agree to.")
  .max(5000, "consentText must be at most 5000 characters.");
const access = z.enum(formAccesses, { error: `access must be one of ${formAccesses.join(", ")}.` });

export const createFormSchema = z.object({
  title,
  prompt: prompt.default(""),
  consentText,
  access,
  fields: formFieldsSchema,
});
export type CreateFormInput = z.infer<typeof createFormSchema>;

export const updateFormSchema = z.object({
  title: title.optional(),
  prompt: prompt.optional(),
  consentText: consentText.optional(),
  access: access.optional(),
  fields: formFieldsSchema.optional(),
  status: z.enum(formStatuses, { error: `status must be one of ${formStatuses.join(", ")}.` }).optional(),
});
export type UpdateFormInput = z.infer<typeof updateFormSchema>;
