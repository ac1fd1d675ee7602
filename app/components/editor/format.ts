const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

export function formatWhen(iso: string | Date): string {
  const d = typeof iso === "string" ? new Date(iso) : iso;
  return Number.isNaN(d.getTime()) ? "" : dateTime.format(d);
}

/** A quote cut to a readable length, on a word boundary where possible. */
export function excerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** A Shift shortcut as people read it on their keyboard: "Ctrl+Shift+X", or "⌘⇧X" on a Mac. */
export const shiftShortcut = (mod: string, key: string) => (mod === "⌘" ? `⌘⇧${key}` : `${mod}+Shift+${key}`);
