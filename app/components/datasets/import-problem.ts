import { formatMegabytes } from "./format";

/** What went wrong with an import, said plainly, and which part of the form it is about. */
export interface ImportProblem {
  message: string;
  /** Where in the file, for a malformed CSV ("Line 12, column “age”"). */
  where?: string;
  about: "file" | "name" | "key" | "form";
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; fields?: { line?: unknown; column?: unknown } };
}

/** The answer's error; a malformed CSV's line and column come in `fields` (as strings). */
function errorOf(body: unknown) {
  const error = (body as ErrorBody | null)?.error;
  const line = Number(error?.fields?.line);
  const column = error?.fields?.column;
  return {
    code: typeof error?.code === "string" ? error.code : "",
    message: typeof error?.message === "string" ? error.message : "",
    line: Number.isInteger(line) && line > 0 ? line : undefined,
    column: typeof column === "string" && column !== "" ? column : undefined,
  };
}

function location(line?: number, column?: string) {
  const parts: string[] = [];
  if (line !== undefined) parts.push(`Line ${line.toLocaleString("en-GB")}`);
  if (column !== undefined) parts.push(`column “${column}”`);
  return parts.length > 0 ? parts.join(", ") : undefined;
}

/** The server's message starts with the place ("Line 12, column "age": …"), shown apart here. */
const placePrefix = /^Line \d+(, column "(?:[^"\\]|\\.)*")?: /;

/** The limit in a 413 answer ("… larger than 52428800 bytes."), when it says one. */
function limitIn(message: string) {
  const match = /(\d+) bytes/.exec(message);
  return match ? Number(match[1]) : undefined;
}

/** Turns a refused import (or preview) answer into what the form shows. */
export function importProblem(
  status: number,
  body: unknown,
  file: { name: string; size: number },
  name: string
): ImportProblem {
  const { code, message, line, column } = errorOf(body);
  if (status === 413) {
    const limit = limitIn(message);
    return {
      about: "file",
      message: limit
        ? `“${file.name}” is ${formatMegabytes(file.size)}; the most a dataset file may be is ${formatMegabytes(
            limit
          )}.`
        : message || `“${file.name}” is larger than the server accepts.`,
    };
  }
  if (status === 409) {
    return {
      about: "name",
      message: `A dataset called “${name}” already exists in this project. Choose another name.`,
    };
  }
  if (code === "invalid_csv" || line !== undefined) {
    const where = location(line, column);
    const problem = where ? message.replace(placePrefix, "") : message;
    return {
      about: "file",
      message: problem ? problem[0]!.toUpperCase() + problem.slice(1) : "The file is not a well-formed CSV file.",
      where,
    };
  }
  if (status === 401)
    return { about: "form", message: "Your session has ended. Log in again in another tab, then retry." };
  if (status === 403) return { about: "form", message: message || "You may not import datasets in this project." };
  const fields = (body as { error?: { fields?: Record<string, unknown> } } | null)?.error?.fields ?? {};
  for (const field of ["name", "key"] as const) {
    if (typeof fields[field] === "string") return { about: field, message: fields[field] };
  }
  const about = /\bkey\b/i.test(message) ? "key" : /\bname\b/i.test(message) ? "name" : "form";
  return { about, message: message || `The server could not import the file (error ${status}). Try again.` };
}
