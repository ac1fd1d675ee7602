import { useEffect, useRef, useState, type RefObject } from "react";
import { placeholderOf, type RedactionLabel } from "~/lib/collab/redaction-labels";
import type { CollabSession } from "./collab-session.client";
import type { EditorHandle } from "./editor-view.client";

/** The passage the confirm dialog is about: offsets into the text and what stood there. */
export interface RedactionRequest {
  from: number;
  to: number;
  text: string;
}

interface Options {
  documentId: string;
  editor: RefObject<EditorHandle | null>;
  session: CollabSession | null;
  /** The person may edit documents and the editor is connected. */
  enabled: boolean;
  say(message: string): void;
}

/**
 * Redact selection: Ctrl/Cmd+Shift+X or the toolbar button opens a confirm dialog on the
 * selection; confirming asks the server to replace it (the server does it, so the text also
 * leaves the stored history), sending the selected text so a passage someone edited meanwhile
 * is refused rather than the wrong words redacted.
 */
export function useRedaction({ documentId, editor, session, enabled, say }: Options) {
  const [request, setRequest] = useState<RedactionRequest | null>(null);

  const open = (): boolean => {
    const ed = editor.current;
    if (!enabled || !ed || !session) return false;
    const sel = ed.selection();
    if (!sel) {
      say("Select the passage to redact first.");
      return true;
    }
    setRequest({ ...sel, text: session.text.toString().slice(sel.from, sel.to) });
    return true;
  };

  const close = () => {
    setRequest(null);
    editor.current?.focus();
  };

  /** Resolves once done (or refused because the text changed); rejects with what to show in the dialog. */
  const confirm = async (label: RedactionLabel): Promise<void> => {
    if (!request) return;
    const res = await fetch(`/api/v1/documents/${encodeURIComponent(documentId)}/redactions`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify({ start: request.from, end: request.to, expected: request.text, label }),
    }).catch(() => null);
    const body = (await res?.json().catch(() => null)) as { redactedLength?: number; error?: { message?: string } } | null;
    if (res?.ok) {
      const n = body?.redactedLength ?? request.text.length;
      say(`Redacted ${n} character${n === 1 ? "" : "s"} as ${placeholderOf(label)}.`);
    } else if (res?.status === 409 || res?.status === 422) {
      // The passage moved or changed under the selection while the dialog was open.
      say("The text changed while you were choosing, so nothing was redacted. Select the passage again.");
    } else {
      throw new Error(body?.error?.message ?? "The redaction could not be made. Check your connection and try again.");
    }
    close();
  };

  // Ctrl/Cmd+Shift+X from anywhere on the page (the editor handles it itself when focused).
  const opener = useRef(open);
  opener.current = open;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || !event.shiftKey || event.key.toLowerCase() !== "x" || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable='true']")) return; // typing elsewhere
      if (opener.current()) event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [enabled]);

  return { request, open, close, confirm };
}
