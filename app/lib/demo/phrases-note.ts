import type { ThemeKey, ThemePhrases } from "./phrases";

/** Call notes: an agent's shorthand, written during or straight after the call. */
export const noteThemes: Record<ThemeKey, ThemePhrases> = {
  promoEnded: {
    open: ["Cust calling about latest bill.", "Bill query."],
    coded: [
      "Cust calling re bill increase from £{old} to £{new}, intro offer ended last month.",
      "Bill up £{jump}/mth since promo expired and cust says was never notified.",
      "Cust upset that promo pricing has finished and wants the old price of £{old} back.",
    ],
    follow: ["Explained price change letter was sent by email.", "Cust says email address on account is out of date, updated it."],
  },
  unexpectedCharge: {
    open: ["Also raised a second billing issue."],
    coded: [
      "Cust disputes £{charge} charge on latest bill, says never ordered anything.",
      "Query on £{charge} router non-return fee; cust says the returns bag never arrived.",
      "Cust has been debited twice this month, £{charge} to be refunded.",
    ],
    follow: ["Raised billing dispute, ref {ref}.", "Advised refund takes 5–7 working days."],
  },
  outage: {
    open: ["Fault report.", "Cust reporting loss of service."],
    coded: [
      "Reports total loss of service for {days} days, third outage this quarter.",
      "Intermittent drops every evening for approx {weeks} weeks, lights on hub flashing red.",
      "No broadband since {weekday}, cust working from home and using mobile data.",
    ],
    follow: ["Line test shows intermittent fault on the line.", "Checked area status: no known outage listed.", "Applied £{credit} service credit."],
  },
  slowSpeed: {
    open: ["Speed complaint."],
    coded: [
      "Speed test during call showed {actual} Mb/s down against a {mbps} Mb/s package.",
      "Complaint re slow speeds in the evenings, buffering on streaming and video calls dropping.",
    ],
    follow: ["Talked cust through a wired speed test.", "Router restarted during the call, no change."],
  },
  engineerVisit: {
    open: ["Engineer visit follow-up."],
    coded: [
      "Engineer {engineer} attended, replaced faulty hub and line filter, speeds now normal.",
      "Engineer visit completed: fault found at the cabinet and repaired, cust very happy with the engineer.",
    ],
    follow: ["Closed the fault ticket.", "Cust asked us to pass thanks on to {engineer}."],
  },
  passedAround: {
    open: ["Cust frustrated from the start of the call."],
    coded: [
      "Cust has been transferred {transfers} times today before reaching this team and is very frustrated.",
      "Cust says tech support sent them to billing and billing sent them back, nobody has taken ownership.",
      "Previous agents transferred cust to the wrong queue twice, and cust had to repeat account details each time.",
    ],
    follow: ["Apologised for the transfers.", "Took ownership of the case, ref {ref}."],
  },
  longWait: {
    open: ["Cust mentioned the wait to get through."],
    coded: [
      "Cust waited {minutes} mins in the queue before this call connected.",
      "Cust says the promised callback did not happen and had to chase after {days} days.",
    ],
    follow: ["Logged wait time as feedback.", "Gave cust the direct number for the team."],
  },
  resolvedFirstTime: {
    open: ["Quick call."],
    coded: [
      "Resolved on the call: fixed the issue, applied a goodwill credit and confirmed by text, no further action needed.",
      "Fixed first time with a remote line reset, cust confirmed the connection was back while still on the call.",
    ],
    follow: ["Cust thanked {agent} for sorting it.", "No follow-up needed."],
  },
  priceMatch: {
    open: ["Transferred to retentions with cust's agreement.", "Discussed options to stay."],
    coded: [
      "Retentions offer applied: matched {competitor} at £{offer}/mth for 18 months.",
      "Loyalty discount of £{discount}/mth applied to keep cust.",
    ],
    follow: ["New price confirmed by email.", "Cust accepted the offer."],
  },
  threatToLeave: {
    open: ["Cust firm about wanting to go."],
    coded: [
      "Cust states will leave for {competitor} unless this is resolved this week.",
      "Cust requested the switching code and says has had enough.",
    ],
    follow: ["Explained notice period and any early exit fees.", "Noted intent to leave on the account."],
  },
  movingHouse: {
    open: ["Home move request."],
    coded: [
      "Home move to {newTown}: new address needs an install, earliest date {weeks} weeks out, cust unhappy with the gap.",
      "Cust moved house last month and the old address is still being billed.",
    ],
    follow: ["Offered a 4G dongle for the gap.", "Stopped billing at the old address."],
  },
  needsSupport: {
    open: ["Support needs."],
    coded: [
      "Elderly cust, hard of hearing, {carer} on the line with consent to discuss the account.",
      "Cust struggling with the app-only process and does not have a smartphone, flagged for extra support.",
    ],
    follow: ["Added a vulnerability flag and sent a paper letter.", "Spoke slowly and confirmed each step."],
  },
};

export const noteOpeners: readonly string[] = [
  "Call note, {callDate}, agent {agent}.",
  "Inbound call {callDate}, taken by {agent}.",
  "Outbound follow-up call {callDate} ({agent}).",
];

export const noteAdmin: readonly string[] = [
  "DPA passed.",
  "Checked account history: {calls} contacts in the last 90 days.",
  "Cust on {plan} in {town}, {tenureWords} with us.",
  "Cust calm but firm throughout.",
  "Case notes updated and summary sent to cust by email.",
  "Reminded cust about the online status page.",
  "Checked for open orders: none.",
  "Confirmed contact number and preferred time for a callback.",
  "Read back the summary of the call and cust agreed it was accurate.",
  "Cust asked for everything in writing.",
  "Cust had account number ready, call straightforward to verify.",
  "Cust prefers contact by phone, not email.",
  "Checked notes from previous contacts before starting.",
  "Confirmed current package and monthly price with cust.",
  "Checked the line and the hub remotely: both showing online at time of call.",
  "Cust happy for us to record the call for training.",
  "Offered to send the call summary by text as well.",
  "Asked cust to keep the reference number for any future contact.",
];

export const noteOutcomesLeft: readonly string[] = [
  "Outcome: cust not satisfied, cancellation in progress.",
  "Outcome: switching code issued, cust leaving at end of notice period.",
];

export const noteOutcomesStayed: readonly string[] = [
  "Outcome: resolved, cust happy to continue.",
  "Outcome: cust staying, follow-up booked in two weeks.",
  "Outcome: open, awaiting update from the network team.",
];
