import { cuesToText, transcriptSource } from "./transcript.server";

/** A SubRip transcript (.srt): cue numbers are dropped, lines of one cue are joined. */
export function srtToText(bytes: Uint8Array): string {
  return cuesToText(transcriptSource(bytes), "SubRip (.srt) transcript");
}
