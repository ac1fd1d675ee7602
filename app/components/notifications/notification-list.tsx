import { Link } from "@remix-run/react";
import type { NotificationView } from "~/lib/notifications/notifications.server";
import { LocalTime } from "../documents/local-time";

/** The bell's list: newest first, unread ones marked; following one marks it read. */
export function NotificationList({ items, onOpen }: { items: NotificationView[]; onOpen: (item: NotificationView) => void }) {
  if (items.length === 0) {
    return (
      <p className="bell__status" data-testid="notifications-empty">
        Nothing new
      </p>
    );
  }
  return (
    <ul className="bell__list" aria-label="Latest notifications">
      {items.map((n) => (
        <li key={n.id} className={`bell__item${n.read ? "" : " bell__item--unread"}`} data-testid="notification">
          <Link
            to={n.url}
            className="bell__link"
            onClick={(e) => {
              // A plain click on an unread one marks it read and then goes there (one request,
              // see the bell); opening it in a new tab is left to the browser.
              if (n.read || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
              e.preventDefault();
              onOpen(n);
            }}
          >
            {n.read ? null : <span className="visually-hidden">Unread: </span>}
            {n.message}
          </Link>
          <span className="bell__meta">
            {n.projectName} · <LocalTime value={n.createdAt} />
          </span>
        </li>
      ))}
    </ul>
  );
}
