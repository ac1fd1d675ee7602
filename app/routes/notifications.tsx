import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import { safeRedirectPath } from "~/lib/http/page.server";
import type { RequestContext } from "~/lib/services.server";
import { listNotifications, markRead } from "~/lib/notifications/notifications.server";

/**
 * The bell's data (a resource route, no page): GET lists the caller's latest notifications,
 * POST marks them read (intent=read-all, or intent=read with an id, and then goes to
 * `redirectTo` when given: following a notification is one request). Cross-site POSTs never get
 * here: the server refuses them by their Origin before any route runs (server/app.ts).
 */
function userOf(context: RequestContext) {
  if (!context.auth) throw data({ message: "Log in to see your notifications." }, { status: 401 });
  return context.auth.user;
}

export async function loader({ context }: LoaderFunctionArgs) {
  const user = userOf(context);
  return listNotifications(context.services.db, user.id);
}

const markSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read-all") }),
  z.object({ intent: z.literal("read"), id: z.string().min(1).max(100), redirectTo: z.string().max(2000).optional() }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const user = userOf(context);
  const parsed = markSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ ok: false as const, message: "That is not something the bell understands." }, { status: 400 });
  // Someone else's id is simply not marked: markRead only touches the caller's own.
  const input = parsed.data;
  await markRead(context.services.db, user.id, input.intent === "read" ? [input.id] : undefined);
  // Only a path on this site: a crafted redirectTo cannot send anyone elsewhere.
  if (input.intent === "read" && input.redirectTo) return redirect(safeRedirectPath(input.redirectTo, "/projects"));
  return { ok: true as const };
}
