import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { FormError } from "~/components/forms";
import { ClaimMarkdown } from "~/components/findings/claim-markdown";
import { CommentForm, CommentThreads } from "~/components/findings/comment-thread";
import { EvidenceColumns } from "~/components/findings/evidence-columns";
import { EvidencePicker } from "~/components/findings/evidence-picker";
import { EvidenceTools } from "~/components/findings/evidence-tools";
import { FindingChanges, hasChanges } from "~/components/findings/finding-changes";
import { FindingEdit } from "~/components/findings/finding-edit";
import { FindingHeader } from "~/components/findings/finding-header";
import { useFormOutcome, type FindingFormResult } from "~/components/findings/form-outcome";
import { PublicLink } from "~/components/findings/public-link";
import { ReviewPanel } from "~/components/findings/review-panel";
import { VersionList } from "~/components/findings/version-list";
import { requireFindingAccess } from "~/lib/auth/finding-guard.server";
import { can, type ProjectAction } from "~/lib/auth/permissions";
import { listSegments } from "~/lib/datasets/segments.server";
import { listThreads } from "~/lib/findings/comments.server";
import { compareVersions } from "~/lib/findings/compare.server";
import { findingPageAction } from "~/lib/findings/finding-page-action.server";
import { getFinding } from "~/lib/findings/findings.server";
import { listTransitions, possibleReviewers } from "~/lib/findings/review.server";
import { listVersions } from "~/lib/findings/versions.server";
import { availableMoves, editable } from "~/lib/findings/workflow";
import { notFound } from "~/lib/http/errors.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import { listCodes } from "~/lib/services/codes.server";
import findingStyles from "~/styles/findings.css?url";
import segmentStyles from "~/styles/segments.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: segmentStyles },
  { rel: "stylesheet", href: findingStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.finding.title} · Findings · Thicket` : "Finding · Thicket" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  return pageGuard(async () => {
    const findingId = params.findingId!;
    const { role, projectId } = await requireFindingAccess(context, findingId, "findings:read");
    if (projectId !== params.projectId) throw notFound("Finding not found.");
    const { services } = context;
    const allowed = (action: ProjectAction) => can(user, action, { kind: "project", projectId, role });
    const finding = await getFinding(services, findingId);
    const canEdit = allowed("findings:edit");
    const changeable = canEdit && editable(finding.status);
    const moves = availableMoves(finding.status, allowed);
    const [transitions, threads, versions, segments, codes, reviewers] = await Promise.all([
      listTransitions(services, findingId),
      listThreads(services, findingId),
      listVersions(services, findingId),
      changeable ? listSegments(services, projectId) : Promise.resolve([]),
      changeable ? listCodes(services, projectId) : Promise.resolve([]),
      moves.some((m) => m.to === "in_review") ? possibleReviewers(services, projectId) : Promise.resolve([]),
    ]);
    const latest = versions.at(-1) ?? null;
    // The working copy is compared with the latest accepted version unless it is that version.
    const current = latest && !(finding.status === "accepted" && finding.version === latest.version);
    const diff = current ? compareVersions(latest, finding, "current") : null;
    const chosen = new Set(finding.evidence.map((e) => (e.kind === "segment" ? e.segment?.id : e.kind === "code" ? e.code?.id : undefined)));
    return {
      projectId,
      userId: user.id,
      finding,
      transitions,
      threads,
      versions: versions.map(({ version, acceptedAt, acceptedBy }) => ({ version, acceptedAt, acceptedBy })),
      diff: diff && hasChanges(diff) ? diff : null,
      moves,
      canEdit,
      changeable,
      canPublish: allowed("findings:publish"),
      segments: segments.map((s) => ({ id: s.id, name: s.name, datasetName: s.datasetName, size: s.size, datasetRows: s.datasetRows, chosen: chosen.has(s.id) })),
      codes: codes.map((c) => ({ id: c.id, name: c.name, chosen: chosen.has(c.id) })),
      reviewers: reviewers.map(({ id, name, role }) => ({ id, name, role })),
    };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  return findingPageAction(context, request, params.projectId!, params.findingId!, user);
}

/** The last success, in words, once the page shows it (errors stay beside their forms). */
function Outcome() {
  const result = useActionData<typeof action>() as FindingFormResult | undefined;
  const idle = useNavigation().state === "idle";
  const message = idle && result?.ok && result.target !== "publish" ? result.message : undefined;
  return (
    <div role="status" aria-live="polite" className={message ? "alert alert--success" : "visually-hidden"}>
      {message}
    </div>
  );
}

export default function FindingPage() {
  const data = useLoaderData<typeof loader>();
  const { finding, projectId } = data;
  const base = `/projects/${projectId}/findings/${finding.id}`;
  const latest = data.versions.at(-1) ?? null;
  const deleteOutcome = useFormOutcome("delete");
  const nextVersion =
    finding.status === "accepted" ? `Saving starts version ${finding.version + 1}; version ${finding.version} stays as accepted.` : undefined;
  const generalThreads = data.threads.filter((t) => t.evidenceId === null || !finding.evidence.some((e) => e.id === t.evidenceId));

  return (
    <div className="fd-page">
      <FindingHeader finding={finding} acceptedAt={latest?.acceptedAt ?? null} listPath={`/projects/${projectId}/findings`} />
      <Outcome />
      {data.canEdit && finding.status === "in_review" ? (
        <p className="alert alert--warn" data-testid="in-review-notice">
          In review — withdraw it from review to change it.
        </p>
      ) : null}
      {data.changeable ? <FindingEdit title={finding.title} claim={finding.claim} warning={nextVersion} /> : null}

      <section className="card fd-claim-card" aria-label="Claim">
        <ClaimMarkdown text={finding.claim} />
      </section>

      <EvidenceColumns
        evidence={finding.evidence}
        projectId={projectId}
        extra={(e) => <EvidenceTools evidence={e} threads={data.threads} canChange={data.changeable} />}
        emptyPattern={<p className="hint">No segment or code yet{data.changeable ? ": add one below." : "."}</p>}
        emptyWords={<p className="hint">No excerpt yet{data.changeable ? ": pick one below, from a code’s passages." : "."}</p>}
      />
      {data.changeable ? (
        <EvidencePicker projectId={projectId} findingId={finding.id} segments={data.segments} codes={data.codes} warning={nextVersion} />
      ) : null}

      <div className="fd-lower">
        <section className="card fd-discussion" aria-labelledby="fd-discussion-heading">
          <h3 id="fd-discussion-heading">Discussion</h3>
          <CommentThreads threads={generalThreads} label="Comments on the finding" />
          <CommentForm target="comment:finding" label="Comment on the finding" submitText="Post comment" />
        </section>
        <div className="fd-side">
          <ReviewPanel
            status={finding.status}
            moves={data.moves}
            askedReviewers={finding.reviewers}
            possibleReviewers={data.reviewers}
            transitions={data.transitions}
            userId={data.userId}
          />
          {data.diff && latest ? (
            <section className="card" aria-labelledby="fd-changed-heading" data-testid="changes-since">
              <h3 id="fd-changed-heading">What changed since version {latest.version}</h3>
              <FindingChanges diff={data.diff} />
              <p>
                <Link to={`${base}/versions/current`}>See the working copy beside version {latest.version}</Link>
              </p>
            </section>
          ) : null}
          <section className="card" aria-labelledby="fd-versions-heading">
            <h3 id="fd-versions-heading">Accepted versions</h3>
            <VersionList base={base} versions={data.versions} />
          </section>
          {data.canPublish && finding.acceptedVersion !== null ? (
            <PublicLink published={finding.published} acceptedVersion={finding.acceptedVersion} />
          ) : null}
          {data.canEdit ? (
            <section className="card danger-zone">
              <FormError state={deleteOutcome.failure} />
              <ConfirmDialog
                trigger="Delete finding"
                title={`Delete the finding “${finding.title}”?`}
                confirmLabel="Delete finding"
                fields={{ intent: "delete-finding", target: "delete" }}
              >
                <p>
                  Its evidence, comments and history go with it.
                  {finding.acceptedVersion !== null ? " It was accepted, so the project’s audit log keeps a record that it was deleted." : ""}
                </p>
              </ConfirmDialog>
            </section>
          ) : null}
        </div>
      </div>
    </div>
  );
}
