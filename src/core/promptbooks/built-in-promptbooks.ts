/**
 * The promptbooks every deployment has. Each step is a question the rules planner answers on its own; the
 * book runs them in order against one skill ledger and merges the answers into one card.
 */
import { type Promptbook, promptbookSchema } from './promptbook.js';

/** A user principal name, as Entra writes one (`adele.vance@contoso.com`). */
const UPN_PATTERN = "[a-z0-9._%+'-]{1,64}@[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,24}";
/** A Defender XDR incident number. */
const INCIDENT_PATTERN = '\\d{1,9}';

export const BUILT_IN_PROMPTBOOKS: readonly Promptbook[] = [
  {
    name: 'investigate-user',
    title: 'Investigate user',
    parameters: [
      { name: 'upn', description: "the user's UPN (adele.vance@contoso.com)", pattern: UPN_PATTERN },
    ],
    steps: [
      { title: 'Risk', prompt: 'is {upn} compromised?' },
      { title: 'Sign-ins', prompt: 'why is {upn} blocked?' },
      { title: 'Devices', prompt: "show {upn}'s devices" },
      { title: 'Incidents', prompt: 'incidents for {upn}' },
    ],
  },
  {
    name: 'investigate-incident',
    title: 'Investigate incident',
    parameters: [{ name: 'id', description: 'a Defender incident number (4211)', pattern: INCIDENT_PATTERN }],
    steps: [
      { title: 'Incident', prompt: 'summarise incident {id}' },
      { title: 'Other incidents', prompt: 'show open high severity incidents' },
    ],
  },
].map((book) => promptbookSchema.parse(book));
