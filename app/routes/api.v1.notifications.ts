import { z } from "zod";
import { requireAuth } from "~/lib/auth/guards.server";
import { apiRoute, json, noContent } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { listNotifications, markRead } from "~/lib/notifications/notifications.server";

const readSchema = z.strictObject({ ids: z.array(z.string().min(1).max(100)).max(500).optional() });

const handler = apiRoute({
  /** The caller's latest notifications and how many are unread. */
  async GET({ context }) {
    const auth = requireAuth(context);
    return json(await listNotifications(context.services.db, auth.user.id));
  },
  /** `{ids?}`: marks those read, or all of the caller's when `ids` is left out. */
  async POST({ request, context }) {
    const auth = requireAuth(context);
    const { ids } = await readJson(request, readSchema, context.services.config.maxBodyBytes);
    await markRead(context.services.db, auth.user.id, ids);
    return noContent();
  },
});

export const loader = handler;
export const action = handler;
