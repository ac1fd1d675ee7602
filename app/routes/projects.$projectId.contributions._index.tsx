import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { z } from "zod";
import { inboxStatusLabels } from "~/components/contributions/contribution-status";
import { InboxItem } from "~/components/contributions/inbox-item";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { requireSubmissionAccess } from "~/lib/auth/submission-guard.server";
import { listForms } from "~/lib/contributions/forms.server";
import { listSubmissions, projectTags, reviewSubmission } from "~/lib/contributions/inbox.server";
import { parseInboxFilter } from "~/lib/contributions/inbox-filter";
import { reviewSchema } from "~/lib/contributions/review-input";
import { validationError } from "~/lib/http/body.server";
import { HttpError, notFound } from "~/lib/http/errors.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import { submissionStatuses, type SubmissionStatus } from "../../db/kinds";
import type { loader as layoutLoader } from "./projects.$projectId.contributions";

export const meta: MetaFunction = () => [{ title: "Contributions inbox · Thicket" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePageAuth(request, context);
  const projectId = params.projectId!;
  return pageGuard(async () => {
    await requireProjectAccess(context, projectId, "contributions:review");
    const search = new URL(request.url).searchParams;
    const parsed = parseInboxFilter(search);
    // The inbox opens on what is waiting; ?status=all shows everything.
    const filter = { ...parsed, status: search.get("status") === "all" ? undefined : (parsed.status ?? "pending") };
    const [items, forms, tags] = await Promise.all([
      listSubmissions(context.services, projectId, filter),
      listForms(context.services, projectId),
      projectTags(context.services, projectId),
    ]);
    return {
      projectId,
      items,
      tags,
      forms: forms.map((f) => ({ id: f.id, title: f.title })),
      filter: { status: filter.status ?? ("all" as const), formId: filter.formId ?? "", tag: filter.tag ?? "" },
    };
  });
}

const itemSchema = z.object({ submissionId: z.string().min(1), tag: z.string().optional(), reason: z.string().optional() });

/** Each row's buttons post here; the answer is only a failure message (the list reloads). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const form = await request.formData();
  try {
    const parsed = itemSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw validationError(parsed.error);
    const { submissionId, tag, reason } = parsed.data;
    const { projectId } = await requireSubmissionAccess(context, submissionId, "contributions:review");
    if (projectId !== params.projectId) throw notFound("Submission not found.");
    const intent = String(form.get("intent") ?? "");
    const change: Record<string, unknown> =
      intent === "accept"
        ? { status: "accepted" }
        : intent === "pending"
          ? { status: "pending" }
          : intent === "reject"
            ? { status: "rejected", reason }
            : intent === "add-tag"
              ? { addTags: [tag ?? ""] }
              : intent === "remove-tag"
                ? { removeTags: [tag ?? ""] }
                : {};
    if (Object.keys(change).length === 0) throw new HttpError(400, "unknown_intent", "That form is not one this page understands.");
    const input = reviewSchema.safeParse(change);
    if (!input.success) throw validationError(input.error);
    await reviewSubmission(context.services, submissionId, user.id, input.data);
    return { ok: true as const };
  } catch (err) {
    if (err instanceof HttpError && err.status < 500) return data({ ok: false as const, message: err.message }, { status: err.status });
    throw err;
  }
}

const tabs: Array<SubmissionStatus | "all"> = [...submissionStatuses, "all"];

export default function Inbox() {
  const { projectId, items, forms, tags, filter } = useLoaderData<typeof loader>();
  // Counted once, by the Contributions layout, for its Inbox badge and for these tabs.
  const counts = useRouteLoaderData<typeof layoutLoader>("routes/projects.$projectId.contributions")!.counts;
  const base = `/projects/${projectId}/contributions`;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const query = (status: string) => {
    const q = new URLSearchParams({ status });
    if (filter.formId) q.set("form", filter.formId);
    if (filter.tag) q.set("tag", filter.tag);
    return `${base}?${q}`;
  };
  if (total === 0) {
    return (
      <div className="empty">
        <h2>Nothing has come in yet</h2>
        <p>
          {forms.length === 0
            ? "Create a form, share its link with contact-centre staff or the public, and what they send arrives here."
            : "Share a form's link: what people send arrives here for you to accept, reject or tag."}
        </p>
        <Link to={`${base}/forms${forms.length === 0 ? "/new" : ""}`} className="btn">
          {forms.length === 0 ? "Create a form" : "See the forms"}
        </Link>
      </div>
    );
  }
  return (
    <section aria-labelledby="inbox-heading">
      <h2 id="inbox-heading" className="visually-hidden">
        Inbox
      </h2>
      <nav className="status-tabs" aria-label="By status">
        {tabs.map((status) => (
          <Link key={status} to={query(status)} aria-current={filter.status === status ? "page" : undefined}>
            {status === "all" ? "All" : inboxStatusLabels[status]} <span className="count-pill">{status === "all" ? total : counts[status]}</span>
          </Link>
        ))}
      </nav>
      {forms.length > 1 || tags.length > 0 ? (
        <Form method="get" className="inbox-filters" action={base}>
          <input type="hidden" name="status" value={filter.status} />
          {forms.length > 1 ? (
            <div className="field">
              <label htmlFor="inbox-form">Form</label>
              <select id="inbox-form" name="form" defaultValue={filter.formId}>
                <option value="">All forms</option>
                {forms.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.title}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {tags.length > 0 ? (
            <div className="field">
              <label htmlFor="inbox-tag">Tag</label>
              <select id="inbox-tag" name="tag" defaultValue={filter.tag}>
                <option value="">Any tag</option>
                {tags.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <button type="submit" className="btn btn--secondary">
            Filter
          </button>
        </Form>
      ) : null}
      {items.length === 0 ? (
        <p className="doc-none">
          {filter.status === "pending" ? "Nothing is waiting: the inbox is clear." : "No contributions match."}{" "}
          {filter.status !== "all" ? <Link to={query("all")}>Show all contributions</Link> : null}
        </p>
      ) : (
        <ol className="inbox" aria-label="Contributions">
          {items.map((item) => (
            <InboxItem key={item.id} item={item} projectId={projectId} knownTags={tags} />
          ))}
        </ol>
      )}
    </section>
  );
}
