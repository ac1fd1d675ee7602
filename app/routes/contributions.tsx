import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { MyContributions } from "~/components/contributions/my-contributions";
import { ActionAlert } from "~/components/action-alert";
import { listMyContributions } from "~/lib/contributions/receipts.server";
import { withdrawOwnAction } from "~/lib/contributions/withdraw-action.server";
import { requirePageAuth } from "~/lib/http/page.server";
import contributionStyles from "~/styles/contributions.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contributionStyles }];
export const meta: MetaFunction = () => [{ title: "My contributions · Thicket" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  return { items: await listMyContributions(context.services, user.id) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  return withdrawOwnAction(request, context, user.id);
}

export default function MyContributionsPage() {
  const { items } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="contribute">
      <div className="page-head">
        <div>
          <h1>My contributions</h1>
          <p>Stories and observations you sent while logged in, in every project. You can withdraw any of them.</p>
        </div>
      </div>
      <ActionAlert result={result} />
      {items.length === 0 ? (
        <div className="empty">
          <h2>Nothing yet</h2>
          <p>When you send a story or an observation through a project's form while logged in, it is listed here.</p>
        </div>
      ) : (
        <MyContributions items={items} showProject />
      )}
    </div>
  );
}
