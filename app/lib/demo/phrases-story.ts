import type { ThemeKey, ThemePhrases } from "./phrases";

/** Customer stories: written up by the research team, in the third person with quotes. */
export const storyThemes: Record<ThemeKey, ThemePhrases> = {
  promoEnded: {
    open: [
      "{name} signed up for {plan} on an introductory deal that looked too good to turn down.",
      "The first year went smoothly, {they} said, and the price was the reason {they} had switched to us.",
      "Like a lot of people in {town}, {name} joined on a discounted first-year price after a door-to-door visit.",
    ],
    coded: [
      "When the deal ended the direct debit went from £{old} to £{new} overnight, and nobody had warned {them}.",
      "\"I opened my banking app and the bill had gone up by £{jump} a month — I honestly thought we'd been hacked,\" {they} told us.",
      "The letter about the price rise went to an old email address, so the first {they} knew of it was a bill for £{new} instead of £{old}.",
      "{They} only noticed the promotion had finished when the bill jumped to £{new}, almost double what {they} had been paying.",
      "\"Nobody tells you the price is going to go up by that much once the offer runs out,\" {they} said.",
    ],
    follow: [
      "{They} felt the company had been counting on {them} not noticing.",
      "It wasn't the money alone, {they} stressed, but the feeling of being caught out.",
      "{They} checked the contract afterwards and the rise was there, in small print on page four.",
    ],
  },
  unexpectedCharge: {
    open: ["Then came a charge {they} could not explain.", "A few weeks later something odd appeared on the bill."],
    coded: [
      "There was a £{charge} router non-return fee on the bill, for a router {they} had never been sent a returns bag for.",
      "{They} was charged £{charge} for calls to a number {they} had never rung.",
      "The account was debited twice in one month, and getting the £{charge} back took three weeks.",
      "\"I was billed £{charge} for a missed engineer appointment — the engineer was the one who didn't turn up,\" {they} said.",
    ],
    follow: [
      "The refund did arrive in the end, but {they} had to chase it twice.",
      "{They} said it made {them} go through every bill line by line from then on.",
    ],
  },
  outage: {
    open: [
      "The real trouble started in {month}.",
      "Around {month} the connection began to fail.",
      "{They} works from home most of the week, so the connection matters more than the TV.",
    ],
    coded: [
      "The broadband went down for {days} days in a row, and {they} had to tether {their} laptop to {their} phone to keep working.",
      "The line kept dropping several times every evening for about {weeks} weeks, always just as the children got home from school.",
      "\"We had no internet at all for {days} days and the status page kept saying there were no known issues in our area,\" {they} said.",
      "There were {outages} separate outages over the winter, each lasting most of a day.",
    ],
    follow: [
      "Each time {they} reported it, the fault was logged as a new ticket, so nobody saw the pattern.",
      "A neighbour on a different provider had no problems at all, which made it worse.",
      "{They} asked for compensation for the lost days and got a £{credit} credit.",
    ],
  },
  slowSpeed: {
    open: [
      "{They} pays for {plan}, sold as up to {mbps} Mb/s.",
      "Speed had never been great in the back bedroom, but over the spring it got worse everywhere.",
    ],
    coded: [
      "Speed tests in the evening rarely showed more than {actual} Mb/s, a fraction of the {mbps} Mb/s {they} pays for.",
      "\"Netflix buffers every night between seven and ten, and the kids can't do their homework online,\" {they} said.",
      "Video calls for {their} job froze so often that {they} started going to a café in {town} to take them.",
    ],
    follow: [
      "The first advice was to restart the router, which {they} had already done many times.",
      "{They} had run the speed test with a cable straight into the router, as asked.",
    ],
  },
  engineerVisit: {
    open: ["In the end an engineer visit was booked.", "An engineer came out on a Saturday morning."],
    coded: [
      "The engineer, {engineer}, found a corroded joint in the box at the end of the road and replaced it, and the line has been stable since.",
      "{engineer} stayed an extra hour, moved the router out of the cupboard and explained what had been going wrong in plain words.",
      "\"The engineer was brilliant — the first person who actually listened and fixed it,\" {they} said.",
      "{engineer} swapped the old router for a new one and tested every room before leaving, and the speed tripled.",
    ],
    follow: [
      "{They} said the visit changed how {they} felt about the company more than any discount had.",
      "{They} only wished someone had sent an engineer weeks earlier.",
    ],
  },
  passedAround: {
    open: ["{They} rang customer services to sort it out.", "Getting it fixed was another story."],
    coded: [
      "{They} was transferred {transfers} times between billing, technical support and retentions, and had to explain the whole thing again each time.",
      "\"Every department said it was another department's problem,\" {they} said.",
      "The technical team said it was a billing issue, billing sent {them} back to technical, and the call ended with nobody owning it.",
      "Over {calls} calls {they} spoke to {transfers} different people, and none of them could see the notes from the last call.",
    ],
    follow: [
      "By the end {they} had a notebook full of reference numbers.",
      "{They} said {they} felt like a parcel nobody wanted to sign for.",
    ],
  },
  longWait: {
    open: ["Getting through was hard in itself.", "{They} tried the phone line first."],
    coded: [
      "{They} waited {minutes} minutes on hold before anyone answered.",
      "The promised call back within 48 hours never came, and {they} waited {days} days before giving up and ringing again.",
      "\"The chat said I was number 43 in the queue, and after an hour I was still number 12,\" {they} said.",
    ],
    follow: [
      "{They} now rings at eight sharp, because later in the day the queue is hopeless.",
      "{They} said the hold music is now stuck in {their} head for good.",
    ],
  },
  resolvedFirstTime: {
    open: ["This time {they} tried the phone line again, expecting the worst.", "{They} rang once more."],
    coded: [
      "The first person {they} spoke to, {agent}, sorted it out on the spot and called back the next day to check.",
      "\"{agent} just said 'leave it with me' and it was done before I'd hung up,\" {they} said.",
      "One call fixed it: the agent found the problem, sorted it while {they} waited and put a note on the account so it would not happen again.",
    ],
    follow: ["{They} mentioned {agent} by name twice while we talked.", "{They} said that was how it should always work."],
  },
  priceMatch: {
    open: ["{They} rang to ask about leaving.", "{They} had a quote from {competitor} in hand when {they} called."],
    coded: [
      "The retentions team matched {competitor}'s offer of £{offer} a month for 18 months.",
      "{They} was offered £{discount} off the monthly price as a loyalty discount, which brought it back under what {competitor} wanted.",
      "\"They found me a better deal in five minutes — why couldn't they do that before I threatened to go?\" {they} asked.",
    ],
    follow: ["{They} accepted, though {they} said {they} would be watching the bill.", "It kept {them} with us, for now."],
  },
  threatToLeave: {
    open: ["By then {name}'s patience had run out.", "That was the point where things changed."],
    coded: [
      "{They} told the agent {they} would be leaving for {competitor} if it wasn't fixed by the end of the month.",
      "\"I've got the {competitor} leaflet on the fridge and I'm ready to ring them,\" {they} said.",
      "{They} asked for the switching code so {they} could move to {competitor}.",
      "After the third failed fix {they} said {they} had had enough and wanted out of the contract.",
    ],
    follow: ["{They} meant it, {they} said, and {their} partner agreed.", "Nobody called {them} back about it."],
  },
  movingHouse: {
    open: ["In {month} {name} moved house to {newTown}.", "Then came the move to a new flat in {newTown}."],
    coded: [
      "Moving the broadband to the new home took {weeks} weeks, and for the first fortnight there was no connection at all.",
      "{They} was told the contract could move with {them}, but the new address needed a fresh installation and a £{charge} set-up fee.",
      "\"I booked the home move a month ahead and still ended up with no internet in the new house for ten days,\" {they} said.",
    ],
    follow: ["The old address kept being billed for a month after the move.", "Boxes everywhere, and no internet to order anything."],
  },
  needsSupport: {
    open: ["{name} is {age} and lives on {their} own.", "{name}'s {carer} usually helps with anything technical."],
    coded: [
      "{They} found the automated phone menu confusing and kept being sent back to the start, so {their} {carer} eventually rang on {their} behalf.",
      "\"They kept telling me to log into the app, but I don't have a smartphone,\" {they} said.",
      "{They} did not understand the letter about the new router and thought {they} was being charged twice.",
      "The agent spoke so fast about lights on the hub and resetting the line that {they} gave up and put the phone down.",
    ],
    follow: [
      "{They} asked whether there was someone {they} could talk to face to face.",
      "A note about {their} needs is now on the account, at {their} {carer}'s request.",
    ],
  },
};

export const storyIntros: readonly string[] = [
  "{name} has been a customer for {tenureWords}, on {plan}, at home in {town}.",
  "{name} lives in {town} with {household}, and has had {plan} for {tenureWords}.",
  "We spoke to {name} in {interviewMonth} as part of the customer stories project; {they} {joined}.",
  "{name} runs a small business from a spare room in {town} and has been with us for {tenureWords}.",
];

export const storyAsides: readonly string[] = [
  "{They} first heard about us from a leaflet through the door.",
  "{They} uses the connection mostly for work calls, streaming and the children's gaming.",
  "{They} had been with another provider for years before switching to us.",
  "When we asked what would have made the difference, {they} thought about it for a while.",
  "{They} was keen to say that most of the staff had been polite.",
  "The household has four people and at least a dozen devices on the wifi.",
  "{They} keeps a folder of every letter we have sent.",
  "{They} described {themselves} as not very technical, but careful with money.",
  "Much of this came up only when we asked about the last twelve months in detail.",
  "{They} asked us to pass the story on to someone who could change things.",
  "{They} pays by direct debit and checks the bill most months.",
  "{They} said the first few months with us had been fine, even good.",
  "The router sits on a shelf in the hall, next to the front door.",
  "{They} was careful to separate what {they} remembered from what {they} had written down at the time.",
  "{They} reads every email from us, {they} said, which is more than most people do.",
  "Money is tight in the household this year, like everywhere.",
  "{They} compared us with the energy company, which {they} said was worse.",
  "{They} talked quickly, as if {they} had told the story many times already.",
];

export const storyEndingsLeft: readonly string[] = [
  "In the end {name} left for {competitor} in {leaveMonth}.",
  "\"It wasn't one thing, it was the whole year of it,\" {they} said when we asked why {they} left.",
  "{name} switched to {competitor} and says the installation took a single afternoon.",
];

export const storyEndingsStayed: readonly string[] = [
  "{name} is still with us, and says {they} would recommend us to a friend 'on a good day'.",
  "For now {name} is staying, mostly because switching feels like too much effort.",
  "{name} renewed for another two years and says things have been quiet since.",
];
