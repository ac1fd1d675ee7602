import { ImportError } from "./import-error.server";
import { cuesToText, transcriptSource } from "./transcript.server";

/**
 * A WebVTT transcript (.vtt): the WEBVTT header, NOTE, STYLE and REGION blocks and cue ids are
 * dropped; voice tags (<v Maria>) become the speaker's name.
 */
export function vttToText(bytes: Uint8Array): string {
  const source = transcriptSource(bytes);
  if (!/^WEBVTT(?:[ \t].*)?(?:\n|$)/.test(source)) {
    throw new ImportError("This is not a WebVTT transcript: a .vtt file must start with the line WEBVTT.");
  }
  return cuesToText(source.replace(/^.*\n?/, ""), "WebVTT transcript");
}
