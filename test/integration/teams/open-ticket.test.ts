/**
 * "Open ticket" over the real wire protocol: an answer about a user Ward proposes containment for also offers
 * to open a ServiceNow incident; a responder's click opens exactly one in the demo tenant's ServiceNow (no
 * confirmation: nothing in the tenant changes), written from the answer and correlated to it; a clicker
 * without a Ward role is refused and nothing is opened; a ServiceNow outage ends in a failed action whose card
 * says what happened, never in a card left "working".
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SOC_TEAM } from '../../../src/demo/seed/people.js';
import { SERVICENOW_DEMO_CREDENTIALS } from '../../../src/demo/servicenow/servicenow-demo-credentials.js';
import { auditEvents, click, propose, settle } from '../../support/action-clicks.js';
import { cardOf, cardText, startWardHarness, type WardHarness } from '../../support/ward-harness.js';

const NESTOR = { id: '29:1-nestor', name: 'Nestor Wilke', aadObjectId: SOC_TEAM.nestor.id };
const ADELE = 'adele.vance@contoso.com';

let ward: WardHarness;
beforeAll(async () => {
  ward = await startWardHarness();
});
afterAll(async () => {
  await ward?.close();
});
beforeEach(async () => {
  ward.connector.clear();
  // Restores the seed (no incident opened by Ward) and clears injected faults.
  await fetch(`${ward.demoTenantUrl}/_demo/reset`, { method: 'POST' });
});

async function pendingAction(actionId: string) {
  const rows = await ward.database.query<{
    answer_id: string;
    input: Record<string, string>;
    result: { ok: boolean; message: string } | null;
  }>('SELECT answer_id, input, result FROM pending_actions WHERE id = $1', [actionId]);
  return rows.rows[0];
}

/** Incidents in the demo ServiceNow that Ward opened (correlation id `ward-…`), read as any client would. */
async function wardIncidents() {
  const query = new URLSearchParams({
    sysparm_query: 'correlation_idSTARTSWITHward',
    sysparm_display_value: 'false',
  });
  const { username, password } = SERVICENOW_DEMO_CREDENTIALS;
  const response = await fetch(`${ward.demoTenantUrl}/servicenow/api/now/table/incident?${query}`, {
    headers: {
      accept: 'application/json',
      authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
    },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { result: Record<string, string>[] }).result;
}

/** Every card update sent to a conversation so far (PUT), as text, oldest first. */
function cardUpdates(conversationId: string): string[] {
  return ward.connector
    .messages(conversationId)
    .filter((sent) => sent.method === 'PUT')
    .map((sent) => cardText(cardOf(sent)));
}

describe('Open ticket from an answer card', () => {
  it('is offered with the containment actions for a user at risk', async () => {
    const { buttons } = await propose(ward, `is ${ADELE} compromised?`);
    expect(buttons.has('Open ticket')).toBe(true);
    expect(buttons.has('Reset password')).toBe(true);
  });

  it('opens one ServiceNow incident on a responder’s click, without a confirmation, written from the answer', async () => {
    const { conversationId, buttons } = await propose(ward, `is ${ADELE} compromised?`);
    const ticket = buttons.get('Open ticket') ?? '';
    // Non-destructive: the first click runs it, no confirmation card.
    expect(await click(ward, conversationId, ticket)).toMatch(/Working: started by Patti Fernandez/);
    expect(await settle(ward, ticket)).toBe('succeeded');

    const stored = await pendingAction(ticket);
    expect(stored?.result).toMatchObject({ ok: true, message: expect.stringMatching(/^Opened INC\d{7}/) });
    const incidents = await wardIncidents();
    expect(incidents).toHaveLength(1);
    const incident = incidents[0] ?? {};
    expect(stored?.result?.message).toContain(incident.number);
    expect(incident).toMatchObject({
      short_description: 'Ward: Adele Vance: High risk — likely compromised',
      urgency: '1',
      category: 'Security',
      correlation_id: `ward-${stored?.answer_id}`,
      correlation_display: 'Ward',
    });
    expect(incident.description).toContain('Adele Vance (adele.vance@contoso.com)');
    expect(incident.description).toContain(`Ward answer: ${stored?.answer_id}`);

    // The shared card is updated for everyone with the result, and a second click changes nothing.
    await expect.poll(() => cardUpdates(conversationId).join('\n')).toMatch(/Opened INC\d{7}/);
    expect(await click(ward, conversationId, ticket)).toMatch(/Already done by Patti Fernandez/);
    expect(await wardIncidents()).toHaveLength(1);
    expect(await auditEvents(ward, ticket)).toEqual(['clicked', 'executing', 'succeeded']);
  });

  it('refuses a clicker without the responder role and opens nothing', async () => {
    const { conversationId, buttons } = await propose(ward, `is ${ADELE} compromised?`);
    const ticket = buttons.get('Open ticket') ?? '';
    expect(await click(ward, conversationId, ticket, undefined, NESTOR)).toMatch(
      /Open ticket needs the responder role; you hold no Ward role/,
    );
    expect(await settle(ward, ticket)).toBe('proposed');
    expect(await wardIncidents()).toEqual([]);
    expect(await auditEvents(ward, ticket)).toEqual(['clicked', 'refused']);
  });

  it('ends in a failed action that says why when ServiceNow is down, never a card left working', async () => {
    const { conversationId, buttons } = await propose(ward, `is ${ADELE} compromised?`);
    const ticket = buttons.get('Open ticket') ?? '';
    const fault = await fetch(`${ward.demoTenantUrl}/_demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '^/servicenow/api/now/table/incident', status: 503 }),
    });
    expect(fault.status).toBe(201);

    expect(await click(ward, conversationId, ticket)).toMatch(/Working: started by Patti Fernandez/);
    expect(await settle(ward, ticket)).toBe('failed');
    const stored = await pendingAction(ticket);
    // A write that may have reached ServiceNow is not resent: the message says so, and to check first.
    expect(stored?.result).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^ServiceNow failed \(503\).*did not send it again\. To check, search ServiceNow for correlation id ward-/,
      ),
    });
    await expect.poll(() => cardUpdates(conversationId).at(-1) ?? '').toMatch(/ServiceNow failed \(503\)/);
    expect(cardUpdates(conversationId).at(-1)).not.toMatch(/Working/);
    await fetch(`${ward.demoTenantUrl}/_demo/faults`, { method: 'DELETE' });
    expect(await wardIncidents()).toEqual([]);
    expect(await auditEvents(ward, ticket)).toEqual(['clicked', 'executing', 'failed']);
  });
});
