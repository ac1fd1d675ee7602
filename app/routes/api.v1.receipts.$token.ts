import { readReceipt } from "~/lib/contributions/receipts.server";
import { withdraw } from "~/lib/contributions/submissions.server";
import { apiRoute, json, noContent } from "~/lib/http/api.server";

/** The receipt token is the credential: whoever holds the link may read or withdraw. */
const handler = apiRoute({
  async GET({ params, context }) {
    const { status, submittedAt, values, rejectReason } = await readReceipt(context.services, params.token!);
    return json({ status, submittedAt, ...(values ? { values } : {}), ...(rejectReason ? { rejectReason } : {}) });
  },
  async DELETE({ params, context }) {
    await withdraw(context.services, params.token!, context.auth?.user.id ?? null);
    return noContent();
  },
});

export const loader = handler;
export const action = handler;
