import { data } from "@remix-run/node";
import { HttpError } from "../http/errors.server";
import type { RequestContext } from "../services.server";
import { withdrawOwn } from "./submissions.server";

/** The "Withdraw" button of a signed-in contributor's list: the page's whole action. */
export async function withdrawOwnAction(request: Request, context: RequestContext, userId: string) {
  const form = await request.formData();
  const submissionId = form.get("submissionId");
  if (form.get("intent") !== "withdraw" || typeof submissionId !== "string") {
    return data({ ok: false as const, message: "That form is not one this page understands." }, { status: 400 });
  }
  try {
    await withdrawOwn(context.services, submissionId, userId);
    return { ok: true as const, message: "Withdrawn. It has been deleted from the project with everything made from it." };
  } catch (err) {
    if (err instanceof HttpError && err.status < 500) return data({ ok: false as const, message: err.message }, { status: err.status });
    throw err;
  }
}
