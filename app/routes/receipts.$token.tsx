import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AnswersList } from "~/components/contributions/answers-list";
import { ContributionStatus } from "~/components/contributions/contribution-status";
import { CopyLink } from "~/components/contributions/copy-link";
import { ActionAlert } from "~/components/action-alert";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { LocalTime } from "~/components/documents/local-time";
import { readReceipt } from "~/lib/contributions/receipts.server";
import { withdraw } from "~/lib/contributions/submissions.server";
import { HttpError } from "~/lib/http/errors.server";
import contributionStyles from "~/styles/contributions.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contributionStyles }];

export const meta: MetaFunction = () => [{ title: "Your contribution · Thicket" }, { name: "robots", content: "noindex" }];

/** The link is the key to the contribution: never cache the page (the server sends no Referer from it). */
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  try {
    const receipt = await readReceipt(context.services, params.token!);
    return { receipt, url: `${new URL(request.url).origin}/receipts/${params.token}` };
  } catch (err) {
    if (err instanceof HttpError && err.status === 404) throw data({ message: err.message }, { status: 404 });
    throw err;
  }
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const form = await request.formData();
  if (form.get("intent") !== "withdraw") return data({ ok: false as const, message: "That form is not one this page understands." }, { status: 400 });
  try {
    await withdraw(context.services, params.token!, context.auth?.user.id ?? null);
    return { ok: true as const, message: "Withdrawn. Your contribution and everything made from it have been deleted." };
  } catch (err) {
    if (err instanceof HttpError && err.status < 500) return data({ ok: false as const, message: err.message }, { status: err.status });
    throw err;
  }
}

export default function ReceiptPage() {
  const { receipt, url } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const justSent = search.get("new") === "1" && receipt.status !== "withdrawn";
  return (
    <div className="contribute receipt">
      {justSent ? (
        <div className="alert alert--success receipt__thanks" role="status">
          <h1>Thank you: your contribution was sent</h1>
          <p>
            <strong>Keep this page's link.</strong> It is the only way to see what you gave or to withdraw it later, and
            nobody else has it. Bookmark it or copy it somewhere safe.
          </p>
          <CopyLink url={url} />
        </div>
      ) : (
        <h1>Your contribution</h1>
      )}
      <ActionAlert result={result} />
      <section className="card" aria-labelledby="receipt-heading">
        <h2 id="receipt-heading">{receipt.form.title}</h2>
        <p className="meta">
          To {receipt.form.projectName}, sent <LocalTime value={receipt.submittedAt} />
        </p>
        <ContributionStatus status={receipt.status} decidedAt={receipt.decidedAt} rejectReason={receipt.rejectReason} />
        {receipt.values ? (
          <>
            <h3>What you gave</h3>
            <p className="meta">As it is stored: personal details were replaced by placeholders such as [EMAIL] before anyone read it.</p>
            <AnswersList fields={receipt.form.fields} values={receipt.values} />
          </>
        ) : null}
        {receipt.status !== "withdrawn" ? (
          <div className="button-row receipt__actions">
            <ConfirmDialog trigger="Withdraw my contribution" title="Withdraw your contribution?" confirmLabel="Withdraw and delete" fields={{ intent: "withdraw" }}>
              <p>
                It is deleted from the project at once, with every highlight, note and count made from it. This cannot be undone.
              </p>
            </ConfirmDialog>
          </div>
        ) : null}
      </section>
    </div>
  );
}
