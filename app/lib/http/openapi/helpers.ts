import { z } from "zod";

/** Request bodies come from the very zod schemas the routes validate with. */
export const body = (schema: z.ZodType) => ({
  required: true,
  content: {
    "application/json": { schema: z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) },
  },
});

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const ok = (description: string, schema?: object) => ({
  description,
  ...(schema ? { content: { "application/json": { schema } } } : {}),
});
export const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      String(s),
      { description: errorText[s] ?? "Error", content: { "application/json": { schema: ref("Error") } } },
    ]),
  );
const errorText: Record<number, string> = {
  400: "Malformed JSON or an invalid field",
  401: "Not authenticated, or wrong credentials",
  403: "Your role does not allow this",
  404: "Not found, or a project you are not a member of",
  409: "Conflict",
  413: "Request body too large",
  429: "Rate limited; see Retry-After",
};
export const projectPath = { name: "projectId", in: "path", required: true, schema: { type: "string" } };
export const arrayOf = (key: string, item: object) => ({
  type: "object",
  properties: { [key]: { type: "array", items: item } },
  required: [key],
});


export const pathParam = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });

/** An optional query parameter: a string unless `schema` says otherwise. */
export const queryParam = (name: string, description: string, schema: object = { type: "string" }) => ({
  name,
  in: "query",
  required: false,
  description,
  schema,
});
/** A query parameter the request must carry. */
export const requiredQuery = (name: string, description: string, schema?: object) => ({ ...queryParam(name, description, schema), required: true });
