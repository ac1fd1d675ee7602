import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { LocalTime } from "~/components/documents/local-time";
import { FormError } from "~/components/forms";
import { RoundAgreement } from "~/components/rounds/round-agreement";
import { RoundProgress } from "~/components/rounds/round-progress";
import { RoundStatusBadge } from "~/components/rounds/round-status";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { can } from "~/lib/auth/permissions";
import { HttpError } from "~/lib/http/errors.server";
import { formFailure } from "~/lib/http/forms.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import { deleteRound, revealRound } from "~/lib/rounds/reveal.server";
import { agreementHref, roundAgreement } from "~/lib/rounds/round-page.server";
import { getRound } from "~/lib/rounds/rounds.server";
import roundStyles from "~/styles/rounds.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: roundStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.round.name} · Coding rounds · Thicket` : "Coding round · Thicket" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const projectId = params.projectId!;
  return pageGuard(async () => {
    const { role } = await requireProjectAccess(context, projectId, "documents:read");
    const round = await getRound(context.services, params.roundId!, projectId, { userId: user.id, role });
    return {
      round,
      viewerId: user.id,
      canManage: can(user, "rounds:manage", { kind: "project", projectId, role }),
      agreement: await roundAgreement(context.services, round),
      agreementHref: agreementHref(round),
    };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const projectId = params.projectId!;
  const roundId = params.roundId!;
  const form = await request.formData();
  try {
    await requireProjectAccess(context, projectId, "rounds:manage");
    switch (form.get("intent")) {
      case "reveal": {
        const { revealed, unplaced } = await revealRound(context.services, roundId, projectId, user.id);
        const note = unplaced ? ` ${unplaced} could not be placed because their text had changed.` : "";
        return { ok: true as const, message: `Revealed: ${revealed} codings joined the documents.${note}` };
      }
      case "delete":
        await deleteRound(context.services, roundId, projectId, user.id);
        return redirect(`/projects/${projectId}/rounds`);
      default:
        throw new HttpError(400, "unknown_intent", "That form is not one this page understands.");
    }
  } catch (err) {
    return formFailure(err, form);
  }
}

export default function RoundPage() {
  const { round, viewerId, canManage, agreement, agreementHref } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const open = round.status === "open";
  const coding = open && round.coders.some((c) => c.id === viewerId);
  return (
    <section aria-labelledby="round-heading" data-testid="round-page">
      <nav className="thk-breadcrumb" aria-label="Breadcrumb">
        <Link to={`/projects/${round.projectId}/rounds`}>Coding rounds</Link>
        <span aria-hidden="true"> › </span>
      </nav>
      <div className="section-head">
        <h2 id="round-heading">
          {round.name} <RoundStatusBadge status={round.status} />
        </h2>
        {canManage ? (
          <div className="button-row">
            {open ? (
              <ConfirmDialog
                trigger="Close and reveal"
                triggerClassName="btn"
                title="Close the round and reveal it?"
                confirmLabel="Close and reveal"
                fields={{ intent: "reveal" }}
              >
                <p>
                  Coders can no longer code in this round. Every coder&apos;s codings are added to the documents under their name, so
                  everyone sees them side by side. This cannot be undone.
                </p>
              </ConfirmDialog>
            ) : null}
            <ConfirmDialog trigger="Delete round" title="Delete this round?" confirmLabel="Delete round" fields={{ intent: "delete" }}>
              <p>
                {open
                  ? "The round is still open: the coders' work in it is discarded and cannot be recovered."
                  : "The round's codings stay in the documents; only the round itself is removed."}
              </p>
            </ConfirmDialog>
          </div>
        ) : null}
      </div>
      {result && "message" in result ? (
        <div className="alert alert--success" role="status">
          {result.message}
        </div>
      ) : (
        <FormError state={result ?? undefined} />
      )}
      <p className="meta">
        Started <LocalTime value={round.createdAt} />
        {round.revealedAt ? (
          <>
            {" · "}revealed <LocalTime value={round.revealedAt} />
          </>
        ) : null}
        {" · "}
        {round.coders.map((c) => c.name).join(", ")}
      </p>
      {round.instructions ? (
        <div className="card">
          <h3>Instructions</h3>
          <p className="rd-instructions">{round.instructions}</p>
        </div>
      ) : null}
      {coding ? (
        <p className="rd-banner">
          Code each document on your own: you see only your codings, and nobody sees yours until the round is revealed.
        </p>
      ) : open && canManage ? (
        <p className="rd-banner">
          The coders are coding independently. Their counts are shown; their codings stay hidden until you reveal the round.
        </p>
      ) : null}
      <RoundProgress round={round} viewerId={viewerId} compare={!open} />
      {!open ? <RoundAgreement data={agreement} twoCoders={round.coders.length === 2} detailsHref={agreementHref} /> : null}
    </section>
  );
}
