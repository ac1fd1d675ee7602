import { changePasswordSchema } from "../../validation/schemas";
import { arrayOf, body, errors, ok, pathParam, ref } from "./helpers";

const sessionOnly =
  "Needs a signed-in session (the cookie): with a personal access token the answer is 403 `session_required`, " +
  "so a leaked token cannot change the password or sign its owner out.";

export const accountSchemas = {
  Session: {
    type: "object",
    description: "One of your sessions. `id` is a random public id, unrelated to the session's cookie.",
    properties: {
      id: { type: "string" },
      createdAt: { type: "string", format: "date-time", description: "When it signed in" },
      lastSeenAt: { type: ["string", "null"], format: "date-time", description: "Last request, to the minute" },
      expiresAt: { type: "string", format: "date-time" },
      current: { type: "boolean", description: "The session making this request" },
      userAgent: { type: ["string", "null"], description: "The browser or client that signed in" },
      ip: { type: ["string", "null"], description: "The address it signed in from" },
    },
    required: ["id", "createdAt", "lastSeenAt", "expiresAt", "current", "userAgent", "ip"],
  },
};

export const accountPaths = {
  "/api/v1/me/password": {
    post: {
      summary: "Change your password; every other session ends",
      description:
        "Every other session of yours is deleted and its live-editor sockets close at once; this session stays. " +
        "Access tokens are not affected. A wrong `currentPassword` is 403 `wrong_password`; past " +
        "`RATE_LIMIT_PASSWORD_CHANGE` wrong ones from this session, 429 with Retry-After (other sessions are not held back). " +
        sessionOnly,
      security: [{ cookie: [] }],
      requestBody: body(changePasswordSchema),
      responses: { "204": ok("Changed"), ...errors(400, 401, 403, 409, 413, 429) },
    },
  },
  "/api/v1/me/sessions": {
    get: {
      summary: "Your active sessions (never their secrets)",
      description: sessionOnly,
      security: [{ cookie: [] }],
      responses: { "200": ok("Sessions, this one first", arrayOf("sessions", ref("Session"))), ...errors(401, 403) },
    },
    delete: {
      summary: "Log out everywhere else: end every session but this one",
      description: `Their live-editor sockets close at once. ${sessionOnly}`,
      security: [{ cookie: [] }],
      responses: { "204": ok("Ended"), ...errors(401, 403) },
    },
  },
  "/api/v1/me/sessions/{sessionId}": {
    delete: {
      summary: "End one of your sessions",
      description:
        "Its live-editor sockets close at once. Ending the session you are using is a logout (the cookie is cleared). " +
        `Someone else's session, or an unknown id, is 404. ${sessionOnly}`,
      security: [{ cookie: [] }],
      parameters: [pathParam("sessionId")],
      responses: { "204": ok("Ended"), ...errors(401, 403, 404) },
    },
  },
};
