import { useFetcher, useLocation } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import type { action as markAction, loader as listLoader } from "~/routes/notifications";
import { NotificationList } from "./notification-list";

/**
 * The header's bell: a button with the unread count (from the root loader, so it is fresh on
 * every navigation) that opens a small non-modal panel listing the latest notifications,
 * loaded from /notifications when opened. Escape, a click elsewhere or moving focus out of it
 * closes it; Escape puts focus back on the button.
 */
export function NotificationBell({ unread }: { unread: number }) {
  const list = useFetcher<typeof listLoader>();
  const mark = useFetcher<typeof markAction>();
  const [open, setOpen] = useState(false);
  const wrapRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const location = useLocation();
  const { load } = list;

  // Following a notification (or any navigation) closes the panel.
  useEffect(() => setOpen(false), [location.key]);

  useEffect(() => {
    if (!open) return;
    load("/notifications");
    panelRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    const onPointer = (e: MouseEvent) => {
      if (!wrapRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onPointer);
    };
  }, [open, load]);

  const markAll = () => mark.submit({ intent: "read-all" }, { method: "post", action: "/notifications" });
  // Marking one read answers with a redirect to where it points: a fetcher running beside a
  // navigation of its own could lose the race (and the count would be stale for a moment).
  const follow = (n: { id: string; url: string }) =>
    mark.submit({ intent: "read", id: n.id, redirectTo: n.url }, { method: "post", action: "/notifications" });

  return (
    <div
      className="bell"
      ref={wrapRef}
      onBlur={(e) => {
        // Tabbing out of the panel closes it, as a menu would.
        if (open && e.relatedTarget && !wrapRef.current?.contains(e.relatedTarget as Node)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="bell__button"
        data-testid="notifications-button"
        aria-label={`Notifications, ${unread} unread`}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        <BellIcon />
        <span className="bell__label">Notifications</span>
        {unread > 0 ? (
          <span className="bell__count" data-testid="notifications-count" aria-hidden="true">
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div id={panelId} ref={panelRef} className="bell__panel" role="dialog" aria-label="Notifications" tabIndex={-1} data-testid="notifications-panel">
          <div className="bell__head">
            <h2 className="bell__title">Notifications</h2>
            <button type="button" className="btn btn--secondary btn--small" data-testid="notifications-mark-all" disabled={unread === 0 || mark.state !== "idle"} onClick={markAll}>
              Mark all read
            </button>
          </div>
          {list.data ? (
            <NotificationList items={list.data.notifications} onOpen={follow} />
          ) : (
            <p className="bell__status" role="status">
              Loading…
            </p>
          )}
        </div>
      ) : null}
    </div>
  );
}

function BellIcon() {
  return (
    <svg className="bell__icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        d="M12 3a6 6 0 0 0-6 6v3.6L4.3 15.4A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.6L18 12.6V9a6 6 0 0 0-6-6Zm0 19a3 3 0 0 0 2.8-2H9.2A3 3 0 0 0 12 22Z"
        fill="currentColor"
      />
    </svg>
  );
}
