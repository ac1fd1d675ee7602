import type { CodeKey } from "./codebook";
import { TextBuilder } from "./text-builder";
import type { DemoDocument } from "./compose";

type Line = string | { text: string; code: CodeKey };

/** Notes about the contact centre itself, tied to no one customer (so no case key). */
const TEAM_NOTES: readonly { title: string; paragraphs: readonly (readonly Line[])[] }[] = [
  {
    title: "Team huddle, Bolton contact centre: Monday queue",
    paragraphs: [
      [
        "Monday huddle, fourteen agents on the floor and three off sick.",
        { text: "Average wait at 9:30 was 41 minutes on the main line and nearly an hour in chat.", code: "longWait" },
        "The weekend outage in the South West is still driving volume.",
      ],
      [
        "Shona raised the transfer problem again.",
        { text: "Customers are being bounced from technical to billing and back because the fault and the credit sit in different systems.", code: "passedAround" },
        "Agreed that whoever takes the call keeps it until the credit is applied, even if it means a callback.",
        { text: "Callum told the team about a customer whose router fee he refunded on the spot, and who rang back only to say thank you.", code: "resolvedFirstTime" },
      ],
      [
        "Reminder that retentions offers must be logged with the competitor's price, not only the discount.",
        "Several agents asked for a clearer script for customers whose promotion is ending, because the letters are causing most of the bill calls.",
        "Next huddle on Thursday, with someone from billing invited.",
      ],
    ],
  },
  {
    title: "Supervisor's floor walk: what customers told us this week",
    paragraphs: [
      [
        "I sat with six agents on Wednesday afternoon and listened to around thirty calls.",
        "The mood on the floor was tired but kind.",
        { text: "One caller had been passed through four teams before reaching us and opened with 'please don't transfer me'.", code: "passedAround" },
      ],
      [
        { text: "An older gentleman rang because the new hub's lights confused him, and Jas stayed on the line for twenty-five minutes until he was back online.", code: "needsSupport" },
        "That call would have failed our handling-time target, and it was the best call I heard all day.",
        { text: "Two customers said they were ready to leave for Brightwire because the price had jumped when their deal ended.", code: "threatToLeave" },
      ],
      [
        { text: "A customer in Truro said the engineer who came out last month was the reason she had not left.", code: "engineerVisit" },
        "We should find a way to let engineers' good work be seen by the agents who take the next call.",
        "Suggest we review handling-time targets for customers who need extra support, and track first-contact resolution alongside them.",
      ],
    ],
  },
];

export function composeTeamNotes(): DemoDocument[] {
  return TEAM_NOTES.map((note) => {
    const b = new TextBuilder();
    for (const paragraph of note.paragraphs) {
      for (const line of paragraph) {
        if (typeof line === "string") b.sentence(line);
        else b.sentence(line.text, line.code);
      }
      b.paragraph();
    }
    return { title: note.title, kind: "other" as const, caseKey: null, text: b.text(), codings: b.codings };
  });
}
