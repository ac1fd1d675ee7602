/** The public-form calls the submissions bench makes (forms API and anonymous submissions). */

const JSON_HEADERS = { "content-type": "application/json", accept: "application/json" };

/** About 600 characters with an e-mail address and a phone number, so masking has work to do. */
export const STORY =
  "I rang the helpline on a Tuesday morning after my third missed delivery. The first agent was kind but could not " +
  "see the order, so she gave me an address, returns.team@parcelco.example, and told me to write in with photos. " +
  "Nobody answered for nine days. When I rang again from my mobile, 07700 900123, I was put on hold for forty " +
  "minutes and then cut off. In the end a neighbour took the parcel in for me: it had been left at the wrong house " +
  "all along. What upset me most was not the wait but being asked to repeat the whole story to every new person, " +
  "as if nothing had ever been written down anywhere.";

/** The body every submission posts. */
export const SUBMISSION_BODY = JSON.stringify({ consent: true, values: { story: STORY, customer: "C-17", minutes: 12 } });

export const submissionsPath = (formId: string) => `/api/v1/forms/${formId}/submissions`;

/** Creates a public form with a story, a case key and a number; returns its id. */
export async function createPublicForm(baseUrl: string, cookie: string, projectId: string, title: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/projects/${projectId}/forms`, {
    method: "POST",
    headers: { ...JSON_HEADERS, cookie },
    body: JSON.stringify({
      title,
      prompt: "Tell us about a time you contacted customer service.",
      consentText: "I agree that my story may be kept and analysed by the research team.",
      access: "public",
      fields: [
        { name: "story", label: "Your story", type: "long_text", required: true },
        { name: "customer", label: "Customer id", type: "case_key" },
        { name: "minutes", label: "Minutes", type: "number" },
      ],
    }),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`create form: expected 201, got ${res.status}: ${text.slice(0, 500)}`);
  return (JSON.parse(text) as { id: string }).id;
}

export interface SubmitAnswer {
  status: number;
  retryAfter: string | null;
  body: string;
}

/** One anonymous submission (no cookie), optionally from a given X-Forwarded-For address. */
export async function postSubmission(baseUrl: string, formId: string, forwardedFor?: string): Promise<SubmitAnswer> {
  const res = await fetch(`${baseUrl}${submissionsPath(formId)}`, {
    method: "POST",
    headers: { ...JSON_HEADERS, ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) },
    body: SUBMISSION_BODY,
  });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.text() };
}

/** Posts one submission and checks the 201 answer's shape; returns the document id. */
export async function submitOnce(baseUrl: string, formId: string): Promise<string> {
  const answer = await postSubmission(baseUrl, formId);
  if (answer.status !== 201) throw new Error(`${baseUrl}: submission answered ${answer.status}: ${answer.body.slice(0, 500)}`);
  const parsed = JSON.parse(answer.body) as { documentId?: unknown; receipt?: { token?: unknown; url?: unknown } };
  if (typeof parsed.documentId !== "string" || typeof parsed.receipt?.token !== "string" || typeof parsed.receipt.url !== "string") {
    throw new Error(`${baseUrl}: unexpected 201 body ${answer.body.slice(0, 500)}`);
  }
  return parsed.documentId;
}

/** The n-th distinct client address in 198.18.0.0/15, the range RFC 2544 sets aside for benchmarks. */
export function benchIp(n: number): string {
  return `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 255}.${n & 255}`;
}
