import { z } from "zod";
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

export const signupSchema = z.object({
  email,
  password: z
    .string({ error: "Password is required." })
    .min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(MAX_PASSWORD_LENGTH, `Password must be at most ${MAX_PASSWORD_LENGTH} characters.`),
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
