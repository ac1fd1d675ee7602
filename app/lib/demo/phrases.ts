import type { CodeKey } from "./codebook";

/**
 * A theme's sentences: an optional plain lead-in, the sentence that expresses the code (the
 * one that gets coded), and plain follow-ups. `{slot}` placeholders are filled per document.
 */
export interface ThemePhrases {
  open: readonly string[];
  coded: readonly string[];
  follow: readonly string[];
}

/** The themes a document can touch; each is coded with the code of the same key. */
export type ThemeKey = Exclude<CodeKey, "billing" | "service" | "contact" | "retention" | "circumstances">;
