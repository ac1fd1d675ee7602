import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { AcceptedFinding } from "~/components/report/accepted-finding";
import { publicFinding } from "~/lib/findings/public-link.server";
import { HttpError } from "~/lib/http/errors.server";
import reportStyles from "~/styles/report.css?url";
import segmentStyles from "~/styles/segments.css?url";

/**
 * A finding shared by its project's owner: anyone with the link, logged in or not, sees its
 * latest accepted version and nothing else of the project (no project name, no links into it,
 * no ids, no people). Turning the link off makes this a 404 at once.
 */
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: segmentStyles },
  { rel: "stylesheet", href: reportStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.finding.title} · Thicket` : "Shared finding · Thicket" },
  { name: "robots", content: "noindex" },
];

/** A revoked link must stop working at once: nothing may keep a copy. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ params, context }: LoaderFunctionArgs) {
  try {
    return { finding: await publicFinding(context.services, params.token!) };
  } catch (err) {
    if (err instanceof HttpError && err.status === 404) throw data({ message: err.message }, { status: 404 });
    throw err;
  }
}

export default function SharedFindingPage() {
  const { finding } = useLoaderData<typeof loader>();
  return (
    <article className="share-page" data-testid="shared-finding">
      <p className="share-page__kicker">Research finding</p>
      <AcceptedFinding finding={finding} titleLevel={1} />
      <p className="share-page__footer">
        Shared from Thicket. This is the version accepted in review. Quotes later redacted, or taken back by the people who
        gave them, are left out.
      </p>
    </article>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const missing = isRouteErrorResponse(error) && error.status === 404;
  return (
    <div className="card narrow" role="alert" data-testid="share-missing">
      <h1>{missing ? "This link does not work" : "Something went wrong"}</h1>
      <p>
        {missing
          ? "The link may have been mistyped, or the person who shared it has turned it off. Ask them for a new one."
          : "The finding could not be shown just now. Try again in a moment."}
      </p>
    </div>
  );
}
