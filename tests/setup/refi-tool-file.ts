/**
 * A .qdpx shaped like another tool's export, holding what a round trip must keep: a folder
 * (`isCodable="false"`) with codes under it, one selection coded with two codes and a note on
 * the selection, notes by two people with their dates, a document-kind variable named as
 * Thicket names it (but with the tool's own GUID), and one user who is the importer by e-mail.
 * Every GUID is fixed, so a test can look each object up again in an export.
 */
import { strToU8, zipSync } from "fflate";

const g = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${String(n).padStart(12, "0")}`;

export const TOOL_GUIDS = {
  users: { ana: g("a11a0000", 1), importer: g("a11a0000", 2) },
  codes: { Themes: g("c0de0000", 1), Waiting: g("c0de0000", 2), Cost: g("c0de0000", 3), Loose: g("c0de0000", 4) },
  sources: { "Call 1": g("50c00000", 1), "Interview 2": g("50c00000", 2) },
  selections: { waited: g("5e100000", 1), expensive: g("5e100000", 2), folder: g("5e100000", 3), fine: g("5e100000", 4) },
  codings: { waitedWaiting: g("c0d10000", 1), waitedCost: g("c0d10000", 2), expensive: g("c0d10000", 3), folder: g("c0d10000", 4), fine: g("c0d10000", 5) },
  notes: { code: g("407e0000", 1), selection: g("407e0000", 2), coding: g("407e0000", 3), document: g("407e0000", 4), mine: g("407e0000", 5) },
  variables: { kind: g("7a400000", 1), region: g("7a400000", 2) },
};

export const CALL_1 = "We waited an hour on the phone. It is too expensive now.";
export const INTERVIEW_2 = "Everything was fine in the end.";

export const NOTE_TEXT = {
  code: "Cost means money, not effort.",
  selection: "Both waiting and money here.",
  coding: "Price rise in March.",
  document: "Ana: caller sounded tired.",
  mine: "My own note on the call.",
};

const at = (text: string, part: string) => `startPosition="${text.indexOf(part)}" endPosition="${text.indexOf(part) + part.length}"`;

export function toolQdpx(importerEmail: string): Uint8Array {
  const { users, codes, sources, selections, codings, notes, variables } = TOOL_GUIDS;
  const coding = (guid: string, code: string, user: string, inner = "") =>
    `<Coding guid="${guid}" creatingUser="${user}" creationDateTime="2021-05-06T07:00:00Z"><CodeRef targetGUID="${code}"/>${inner}</Coding>`;
  const note = (guid: string, name: string, text: string, user: string, created: string, modified: string) =>
    `<Note guid="${guid}" name="${name}" creatingUser="${user}" creationDateTime="${created}" modifiedDateTime="${modified}"><PlainTextContent>${text}</PlainTextContent></Note>`;
  const kind = (value: string) => `<VariableValue><VariableRef targetGUID="${variables.kind}"/><TextValue>${value}</TextValue></VariableValue>`;
  const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Calls" origin="NVivo 14 (14.23.0)">
<Users><User guid="${users.ana}" id="ANA" name="Ana Lopez"/><User guid="${users.importer}" id="${importerEmail}" name="Someone at a desk"/></Users>
<CodeBook><Codes>
  <Code guid="${codes.Themes}" name="Themes" isCodable="false" color="#778899">
    <Code guid="${codes.Waiting}" name="Waiting" isCodable="true" color="#aa3300"/>
    <Code guid="${codes.Cost}" name="Cost" isCodable="true" color="#3355ff"><NoteRef targetGUID="${notes.code}"/></Code>
  </Code>
  <Code guid="${codes.Loose}" name="Loose" isCodable="true"/>
</Codes></CodeBook>
<Variables><Variable guid="${variables.kind}" name="Thicket document kind" typeOfVariable="Text"/><Variable guid="${variables.region}" name="Region" typeOfVariable="Text"/></Variables>
<Sources>
  <TextSource guid="${sources["Call 1"]}" name="Call 1" plainTextPath="internal://${sources["Call 1"]}.txt">
    <PlainTextSelection guid="${selections.waited}" name="waited an hour" ${at(CALL_1, "waited an hour")} creatingUser="${users.ana}">
      ${coding(codings.waitedWaiting, codes.Waiting, users.ana)}${coding(codings.waitedCost, codes.Cost, users.ana)}
      <NoteRef targetGUID="${notes.selection}"/>
    </PlainTextSelection>
    <PlainTextSelection guid="${selections.expensive}" name="too expensive" ${at(CALL_1, "too expensive")} creatingUser="${users.importer}">
      ${coding(codings.expensive, codes.Cost, users.importer, `<NoteRef targetGUID="${notes.coding}"/>`)}
    </PlainTextSelection>
    <PlainTextSelection guid="${selections.folder}" name="hour" ${at(CALL_1, "hour")} creatingUser="${users.ana}">
      ${coding(codings.folder, codes.Themes, users.ana)}
    </PlainTextSelection>
    <NoteRef targetGUID="${notes.document}"/><NoteRef targetGUID="${notes.mine}"/>
    ${kind("Field note")}<VariableValue><VariableRef targetGUID="${variables.region}"/><TextValue>North</TextValue></VariableValue>
  </TextSource>
  <TextSource guid="${sources["Interview 2"]}" name="Interview 2" plainTextPath="internal://${sources["Interview 2"]}.txt">
    <PlainTextSelection guid="${selections.fine}" name="fine" ${at(INTERVIEW_2, "fine")} creatingUser="${users.ana}">${coding(codings.fine, codes.Loose, users.ana)}</PlainTextSelection>
    ${kind("interview")}
  </TextSource>
</Sources>
<Notes>
  ${note(notes.code, "On Cost", NOTE_TEXT.code, users.ana, "2020-01-02T03:04:05Z", "2020-01-02T03:04:05Z")}
  ${note(notes.selection, "On a passage", NOTE_TEXT.selection, users.ana, "2021-05-06T07:01:00Z", "2021-05-06T07:01:00Z")}
  ${note(notes.coding, "On a coding", NOTE_TEXT.coding, users.importer, "2021-05-06T07:02:00Z", "2021-05-06T07:02:00Z")}
  ${note(notes.document, "On the call", NOTE_TEXT.document, users.ana, "2021-05-06T07:08:09Z", "2021-06-01T00:00:00Z")}
  ${note(notes.mine, "Mine", NOTE_TEXT.mine, users.importer, "2021-05-07T10:00:00Z", "2021-05-07T10:00:00Z")}
</Notes>
</Project>`;
  return zipSync({
    "project.qde": strToU8(qde),
    [`Sources/${sources["Call 1"]}.txt`]: strToU8(CALL_1),
    [`Sources/${sources["Interview 2"]}.txt`]: strToU8(INTERVIEW_2),
  });
}
