/**
 * One accepted version of a finding, frozen as readers saw it when it was accepted, with what
 * changed since the version accepted before it. `current` shows the working copy beside the
 * latest accepted version instead. (The trailing `_` keeps it out of the finding page's layout.)
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LocalTime } from "~/components/documents/local-time";
import { ClaimMarkdown } from "~/components/findings/claim-markdown";
import { EvidenceColumns } from "~/components/findings/evidence-columns";
import { FindingChanges } from "~/components/findings/finding-changes";
import { requireFindingAccess } from "~/lib/auth/finding-guard.server";
import { findingDiff } from "~/lib/findings/compare.server";
import { getFinding } from "~/lib/findings/findings.server";
import { listVersions } from "~/lib/findings/versions.server";
import { HttpError, notFound } from "~/lib/http/errors.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import findingStyles from "~/styles/findings.css?url";
import segmentStyles from "~/styles/segments.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: segmentStyles },
  { rel: "stylesheet", href: findingStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · ${data.label} · Thicket` : "Finding version · Thicket" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePageAuth(request, context);
  return pageGuard(async () => {
    const findingId = params.findingId!;
    const { projectId } = await requireFindingAccess(context, findingId, "findings:read");
    if (projectId !== params.projectId) throw notFound("Finding not found.");
    const { services } = context;
    const versions = await listVersions(services, findingId);
    const finding = await getFinding(services, findingId);
    const base = { projectId, findingId, findingTitle: finding.title, versions: versions.map((v) => v.version) };
    if (params.version === "current") {
      const latest = versions.at(-1);
      if (!latest) throw notFound("This finding has no accepted version to compare with yet.");
      return {
        ...base,
        label: "Working copy",
        title: finding.title,
        claim: finding.claim,
        evidence: finding.evidence,
        accepted: null,
        diff: await findingDiff(services, findingId, null, "current"),
        against: latest.version,
      };
    }
    const number = Number(params.version);
    if (!Number.isInteger(number) || number < 1) throw new HttpError(404, "not_found", "No such version.");
    const index = versions.findIndex((v) => v.version === number);
    if (index < 0) throw notFound(`Version ${number} of this finding was never accepted.`);
    const version = versions[index]!;
    const previous = index > 0 ? versions[index - 1]! : null;
    return {
      ...base,
      label: `Version ${version.version}`,
      title: version.title,
      claim: version.claim,
      evidence: version.evidence,
      accepted: { at: version.acceptedAt, by: version.acceptedBy?.name ?? null },
      diff: previous ? await findingDiff(services, findingId, String(previous.version), String(version.version)) : null,
      against: previous?.version ?? null,
    };
  });
}

export default function FindingVersionPage() {
  const data = useLoaderData<typeof loader>();
  const findingPath = `/projects/${data.projectId}/findings/${data.findingId}`;
  return (
    <div className="fd-page fd-version-page">
      <nav className="thk-breadcrumb" aria-label="Breadcrumb">
        <Link to={`/projects/${data.projectId}/findings`}>Findings</Link>
        <span aria-hidden="true"> › </span>
        <Link to={findingPath}>{data.findingTitle}</Link>
        <span aria-hidden="true"> › </span>
      </nav>
      <header className="fd-header">
        <div className="fd-header__title">
          <h2 data-testid="finding-title">{data.title}</h2>
          <span className="fd-status fd-status--frozen">{data.label}</span>
        </div>
        <p className="fd-muted fd-header__meta" data-testid="finding-version">
          {data.accepted ? (
            <>
              Accepted on <LocalTime value={data.accepted.at} />
              {data.accepted.by ? ` by ${data.accepted.by}` : ""}. Frozen as it was then.
            </>
          ) : (
            <>Not accepted yet: this is the working copy as it is now.</>
          )}
        </p>
      </header>

      <section className="card" aria-labelledby="fd-version-changes" data-testid="version-changes">
        <h3 id="fd-version-changes">
          {data.against !== null ? `What changed since version ${data.against}` : "What changed"}
        </h3>
        {data.diff ? <FindingChanges diff={data.diff} /> : <p className="hint">This is the first accepted version: nothing to compare it with.</p>}
      </section>

      <section className="card fd-claim-card" aria-label="Claim">
        <ClaimMarkdown text={data.claim} />
      </section>
      <EvidenceColumns evidence={data.evidence} projectId={data.projectId} />

      <p className="fd-version-nav">
        Other versions:{" "}
        {data.versions.map((v) => (
          <Link key={v} to={`${findingPath}/versions/${v}`} className="fd-version-nav__link">
            Version {v}
          </Link>
        ))}{" "}
        <Link to={findingPath}>Back to the finding</Link>
      </p>
    </div>
  );
}
