import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { MyContributions } from "~/components/contributions/my-contributions";
import { ActionAlert } from "~/components/action-alert";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { listForms } from "~/lib/contributions/forms.server";
import { listMyContributions } from "~/lib/contributions/receipts.server";
import { withdrawOwnAction } from "~/lib/contributions/withdraw-action.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import contributionStyles from "~/styles/contributions.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contributionStyles }];
export const meta: MetaFunction = () => [{ title: "Contribute · Thicket" }];

/** For contact-centre staff and other contributors: the project's open forms and what they sent. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  return pageGuard(async () => {
    await requireProjectAccess(context, params.projectId!, "contributions:submit");
    const [forms, items] = await Promise.all([
      listForms(context.services, params.projectId!),
      listMyContributions(context.services, user.id, params.projectId!),
    ]);
    return { forms: forms.filter((f) => f.status === "open").map((f) => ({ id: f.id, title: f.title })), items };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  await pageGuard(() => requireProjectAccess(context, params.projectId!, "contributions:own"));
  return withdrawOwnAction(request, context, user.id);
}

export default function Contribute() {
  const { forms, items } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="two-col">
      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading">What you sent</h2>
        <ActionAlert result={result} />
        {items.length === 0 ? (
          <p className="meta">Nothing yet. Pick a form to send a story or an observation.</p>
        ) : (
          <MyContributions items={items} showProject={false} />
        )}
      </section>
      <section className="card" aria-labelledby="forms-heading">
        <h2 id="forms-heading">Forms open to you</h2>
        {forms.length === 0 ? (
          <p className="meta">No form is open in this project right now.</p>
        ) : (
          <ul className="open-forms">
            {forms.map((f) => (
              <li key={f.id}>
                <a href={`/f/${f.id}`} className="btn btn--secondary">
                  {f.title}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
