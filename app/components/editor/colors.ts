/**
 * Colours reach inline styles (highlights, stripes, presence dots), so only strict #rrggbb
 * values are used; anything else falls back to a neutral grey.
 */
export const FALLBACK_COLOR = "#8a8f8c";

export function safeColor(color: string | null | undefined): string {
  return typeof color === "string" && /^#[0-9a-fA-F]{6}$/.test(color) ? color.toLowerCase() : FALLBACK_COLOR;
}

export function rgba(color: string, alpha: number): string {
  const hex = safeColor(color);
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Cursor colours for people: dark enough for white name labels. */
const PEOPLE = ["#c2410c", "#1d4ed8", "#047857", "#7e22ce", "#be123c", "#0f766e", "#a16207", "#4338ca", "#b45309", "#15803d"];

/** The same person gets the same colour in every browser. */
export function personColor(userId: string): string {
  let h = 2166136261;
  for (let i = 0; i < userId.length; i++) h = Math.imul(h ^ userId.charCodeAt(i), 16777619);
  return PEOPLE[(h >>> 0) % PEOPLE.length]!;
}
