/**
 * Reading ServiceNow over the real Bot Framework wire protocol: Teams-shaped activities POSTed to
 * /api/messages, Ward reading the demo tenant's ServiceNow Table API (`incident`, `sys_journal_field`) over
 * HTTP, cards received by the connector server. "@Ward what's the status of INC0010030?" shows Adele's ticket
 * with its owner, caller, times and latest comments and work notes — and flags the reply the attacker wrote
 * from her mailbox; a ticket Ward has just opened reads back with Ward's work note; lists find a caller's
 * tickets and Ward's own; an unknown number, a failing or throttling ServiceNow get answers that say so.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { click, propose, settle } from '../../support/action-clicks.js';
import { addDemoFault } from '../../support/demo-faults.js';
import { channelMention, personalMessage } from '../../support/teams-activities.js';
import { cardOf, cardText, startWardHarness, type WardHarness } from '../../support/ward-harness.js';

/** Adele's ticket for Defender XDR incident 4211: always the newest seeded incident. */
const ADELE_TICKET = 'INC0010030';

let ward: WardHarness;

beforeAll(async () => {
  // One retry: a failing ServiceNow answers in about a second with its own status, not at the deadline.
  ward = await startWardHarness({ SOURCE_MAX_RETRIES: '1' });
});
afterAll(async () => {
  await ward?.close();
});
beforeEach(async () => {
  ward.connector.clear();
  await fetch(`${ward.demoTenantUrl}/_demo/faults`, { method: 'DELETE' });
  await fetch(`${ward.demoTenantUrl}/_demo/reset`, { method: 'POST' });
});

/** Asks in a fresh 1:1 chat (no memory of other tests) and returns the text of the card Ward posted. */
async function ask(question: string): Promise<string> {
  const activity = personalMessage(ward.connector.url, question);
  const conversationId = `a:1-servicenow-${randomUUID()}`;
  activity.conversation = { id: conversationId, conversationType: 'personal' };
  expect((await ward.post(activity)).status).toBe(200);
  const card = ward.connector.messages(conversationId).map(cardOf).find(Boolean);
  expect(card).toBeDefined();
  return cardText(card);
}

describe('"@Ward what\'s the status of INC0010030?"', () => {
  it('shows state, priority, owner, caller, times and the latest comments and work notes, cited', async () => {
    const activity = channelMention(ward.connector.url, `what's the status of ${ADELE_TICKET}?`);
    expect((await ward.post(activity)).status).toBe(200);
    const conversationId = (activity.conversation as { id: string }).id;
    const text = cardText(ward.connector.messages(conversationId).map(cardOf).find(Boolean));
    expect(text).toMatch(
      /INC0010030: Defender XDR incident 4211: compromised account adele\.vance@contoso\.com/,
    );
    expect(text).toMatch(
      /INC0010030 is In Progress, priority 2 - High, assigned to Isaiah Langer \(Security Operations\)\. Opened 25 min ago for Adele Vance/,
    );
    expect(text).toMatch(/Latest: a work note by isaiah\\?\.langer 10 min ago/);
    expect(text).toMatch(/Comments and work notes/);
    expect(text).toMatch(/Device isolation being considered/);
    expect(text).toMatch(/Microsoft Defender XDR 4211/);
    // The form's address, defanged like every URL on a card.
    expect(text).toMatch(
      /hxxp:\/\/127\.0\.0\.1:\d+\/servicenow\/nav\\?_to\.do\?uri=incident\.do%3Fsys\\?_id%3D[0-9a-f]{32}/,
    );
    expect(text).toMatch(/servicenow\.incident/);
    expect(text).toMatch(/servicenow\.incidentJournal/);
    // The reply "from Adele" tells an AI to close the ticket and clear her: flagged, never followed.
    expect(text).toMatch(/Possible prompt injection in tenant data: Ward ignored it/);
    expect(text).not.toMatch(/Partial answer/);
    expect(text).toMatch(/summarise incident 4211/);
  });

  it('answers "no such ticket" for a number ServiceNow does not have', async () => {
    const text = await ask("what's the status of INC0019999?");
    expect(text).toMatch(/ServiceNow has no incident INC0019999/);
  });
});

describe('reading back a ticket Ward just opened', () => {
  it('finds it by number, with Ward’s work note, and in "tickets opened by Ward today"', async () => {
    const { conversationId, buttons } = await propose(ward, 'is adele.vance@contoso.com compromised?');
    const ticket = buttons.get('Open ticket') ?? '';
    await click(ward, conversationId, ticket);
    expect(await settle(ward, ticket)).toBe('succeeded');
    const stored = await ward.database.query<{ result: { message: string } }>(
      'SELECT result FROM pending_actions WHERE id = $1',
      [ticket],
    );
    const number = /INC\d{7}/.exec(stored.rows[0]?.result.message ?? '')?.[0] ?? '';
    expect(number).toMatch(/^INC\d{7}$/);

    const text = await ask(`any update on ${number}?`);
    expect(text).toContain(`${number}: Ward: Adele Vance: High risk — likely compromised`);
    expect(text).toMatch(
      new RegExp(`${number} is New, priority \\d - \\w+, not assigned to a group or anyone`),
    );
    expect(text).toMatch(/Latest: a work note by ward-demo just now/);
    expect(text).toMatch(
      /Opened by Ward on an analyst's click in Microsoft Teams \(correlation id ward-[0-9a-f-]{36}\)/,
    );
    expect(text).toMatch(/Assign INC\d{7}/);

    const list = await ask('show ServiceNow tickets opened by Ward today');
    expect(list).toMatch(/1 ServiceNow ticket opened by Ward/);
    expect(list).toContain(number);
    expect(list).not.toContain(ADELE_TICKET);
  });
});

describe('lists', () => {
  it('"tickets for adele" lists her tickets, the open one first', async () => {
    const text = await ask('tickets for adele');
    expect(text).toMatch(/ServiceNow tickets? for Adele Vance \(adele\.vance@contoso\.com\)/);
    expect(text).toMatch(/Most urgent: INC0010030 \(2 - High, In Progress\)/);
    expect(text).toMatch(/what's the status of INC0010030\?/);
  });
});

describe('when ServiceNow fails', () => {
  it('answers a 500 with a cited partial answer that names ServiceNow', async () => {
    await addDemoFault(ward.demoTenantUrl, { path: '^/servicenow/', status: 500, times: 10 });
    const text = await ask(`what's the status of ${ADELE_TICKET}?`);
    expect(text).toMatch(/INC0010030: ServiceNow unavailable/);
    expect(text).toMatch(/ServiceNow failed \(500/);
    expect(text).toMatch(/Partial answer/);
  });

  it('answers a 429 that outlasts the retries with a partial answer that says ServiceNow is throttling', async () => {
    await addDemoFault(ward.demoTenantUrl, {
      path: '^/servicenow/',
      status: 429,
      retryAfterSeconds: 1,
      times: 10,
    });
    const text = await ask('tickets for adele.vance@contoso.com');
    expect(text).toMatch(
      /ServiceNow tickets for Adele Vance \(adele\.vance@contoso\.com\): source unavailable/,
    );
    expect(text).toMatch(/ServiceNow is throttling requests \(429\)/);
    expect(text).toMatch(/Partial answer/);
  });

  it('still shows the ticket when only its journal fails, and says the comments could not be read', async () => {
    await addDemoFault(ward.demoTenantUrl, {
      path: '^/servicenow/api/now/table/sys_journal_field',
      status: 500,
      times: 10,
    });
    const text = await ask(`status of ${ADELE_TICKET}`);
    expect(text).toMatch(/INC0010030 is In Progress/);
    expect(text).toMatch(/Its comments and work notes could not be read: ServiceNow failed \(500/);
    expect(text).toMatch(/Partial answer/);
  });
});
