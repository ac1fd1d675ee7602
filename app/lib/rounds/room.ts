/**
 * A coder's layer of a document in a coding round is its own collaboration room,
 * `round:<roundId>:<coderId>:<documentId>`: a Y.Doc holding a copy of the text and that coder's
 * codings only, so the websocket never carries one coder's round codings to another.
 * Shared by the server and the browser.
 */
export interface RoundRoom {
  roundId: string;
  coderId: string;
  documentId: string;
}

const PREFIX = "round:";

export const roundRoom = ({ roundId, coderId, documentId }: RoundRoom) =>
  `${PREFIX}${roundId}:${coderId}:${documentId}`;

/** The parts of a round room's name, or null for any other room. */
export function parseRoundRoom(room: string): RoundRoom | null {
  if (!room.startsWith(PREFIX)) return null;
  const parts = room.slice(PREFIX.length).split(":");
  if (parts.length !== 3 || parts.some((p) => p === "")) return null;
  const [roundId, coderId, documentId] = parts as [string, string, string];
  return { roundId, coderId, documentId };
}
