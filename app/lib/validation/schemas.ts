import { z } from "zod";
import { documentKinds } from "../../../db/kinds";
import { projectRoles } from "../../../db/roles";

/** Shared by the API, the forms and the OpenAPI document, so all three agree. */

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

const email = z
  .string({ error: "Email is required." })
  .trim()
  .toLowerCase()
  .max(254, "Email is too long.")
  .pipe(z.email({ error: "Enter a valid email address." }));

/** A password being chosen: at signup and when changing it. */
const newPassword = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .min(MIN_PASSWORD_LENGTH, `${label} must be at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(MAX_PASSWORD_LENGTH, `${label} must be at most ${MAX_PASSWORD_LENGTH} characters.`);

export const signupSchema = z.object({
  email,
  password: newPassword("Password"),
  name: z
    .string({ error: "Name is required." })
    .trim()
    .min(1, "Name is required.")
    .max(120, "Name must be at most 120 characters."),
});

export const loginSchema = z.object({
  email,
  password: z.string({ error: "Password is required." }).min(1, "Password is required.").max(MAX_PASSWORD_LENGTH),
});

export const changePasswordSchema = z.object({
  currentPassword: z
    .string({ error: "Current password is required." })
    .min(1, "Current password is required.")
    .max(MAX_PASSWORD_LENGTH, "That is not your current password."),
  newPassword: newPassword("New password"),
});

/** The account page's form asks for the new password twice. */
export const changePasswordFormSchema = changePasswordSchema
  .extend({ confirmPassword: z.string({ error: "Type the new password again." }) })
  .refine((v) => v.confirmPassword === v.newPassword, {
    path: ["confirmPassword"],
    error: "The two new passwords do not match.",
  });

export const createTokenSchema = z.object({
  name: z
    .string({ error: "Name is required." })
    .trim()
    .min(1, "Name is required.")
    .max(100, "Name must be at most 100 characters."),
});

const projectName = z
  .string({ error: "Name is required." })
  .trim()
  .min(1, "Name is required.")
  .max(200, "Name must be at most 200 characters.");
const projectDescription = z
  .string()
  .trim()
  .max(5000, "Description must be at most 5000 characters.");

export const createProjectSchema = z.object({
  name: projectName,
  description: projectDescription.optional().default(""),
});

export const updateProjectSchema = z
  .object({ name: projectName.optional(), description: projectDescription.optional() })
  .refine((v) => v.name !== undefined || v.description !== undefined, {
    error: "Give a name or a description to change.",
  });

export const roleSchema = z.enum(projectRoles, {
  error: `Role must be one of ${projectRoles.join(", ")}.`,
});

export const addMemberSchema = z.object({ email, role: roleSchema });
export const updateMemberSchema = z.object({ role: roleSchema });

// ---------------------------------------------------------------------------------------------
// Documents, codes, codings

export const MAX_DOCUMENT_CHARS = 5_000_000;

const attributeValue = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);
const caseKey = z.string().trim().max(200, "Case key must be at most 200 characters.");

export const createDocumentSchema = z.object({
  title: z.string({ error: "Title is required." }).trim().min(1, "Title is required.").max(300, "Title must be at most 300 characters."),
  kind: z.enum(documentKinds, { error: `Kind must be one of ${documentKinds.join(", ")}.` }),
  text: z.string({ error: "Text is required." }).max(MAX_DOCUMENT_CHARS, `A document holds at most ${MAX_DOCUMENT_CHARS} characters.`),
  caseKey: caseKey.nullable().optional().transform((v) => (v ? v : null)),
  attributes: z
    .record(z.string().trim().min(1).max(100), attributeValue)
    .refine((a) => Object.keys(a).length <= 100, "At most 100 attributes.")
    .optional()
    .default({}),
});

export const updateDocumentSchema = z.object({
  title: createDocumentSchema.shape.title.optional(),
  kind: createDocumentSchema.shape.kind.optional(),
  caseKey: caseKey.nullable().optional().transform((v) => (v === undefined ? undefined : v || null)),
  attributes: createDocumentSchema.shape.attributes.unwrap().unwrap().optional(),
  /** Fully coded (issue 16): needs `documents:done` rather than `documents:edit`. */
  done: z.boolean({ error: "done must be true or false." }).optional(),
});

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "Colour must look like #3a7d44.");

export const createCodeSchema = z.object({
  name: z.string({ error: "Name is required." }).trim().min(1, "Name is required.").max(120, "Name must be at most 120 characters."),
  parentId: z.string().min(1).nullable().optional().transform((v) => v ?? null),
  color: hexColor.optional(),
  description: z.string().trim().max(5000).optional().default(""),
});

export const updateCodeSchema = z.object({
  name: createCodeSchema.shape.name.optional(),
  parentId: z.string().min(1).nullable().optional(),
  color: hexColor.optional(),
  description: z.string().trim().max(5000).optional(),
});

export const mergeCodeSchema = z.object({ intoId: z.string({ error: "intoId is required." }).min(1) });

export const createCodingSchema = z.object({
  codeId: z.string({ error: "codeId is required." }).min(1),
  start: z.number({ error: "start must be a number." }).int("start must be a whole number."),
  end: z.number({ error: "end must be a number." }).int("end must be a whole number."),
  memo: z.string().max(5000).optional(),
});

export const updateCodingSchema = z.object({ memo: z.string().max(5000) });

export const memoSchema = z.object({
  body: z.string({ error: "Memo text is required." }).trim().min(1, "Memo text is required.").max(20_000),
});
