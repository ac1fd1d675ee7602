/** How many codings one undo may take back (the most one "code all hits" is expected to make). */
export const MAX_UNDO_CODINGS = 10_000;
