/**
 * Defender XDR incident answers over the real Bot Framework wire protocol: Teams-shaped activities POSTed to
 * /api/messages, Ward reading the demo tenant's `/security/incidents` and `/security/alerts_v2` over HTTP,
 * cards received by the connector server. "summarise incident 4211" shows Adele's incident from its data;
 * "what's new?" in a channel named after the incident needs no number; list questions list; an unknown number
 * and a failing Defender endpoint get answers that say so, never an error.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { channelMention, personalMessage } from '../../support/teams-activities.js';
import {
  cardOf,
  cardText,
  executeActions,
  startWardHarness,
  type WardHarness,
} from '../../support/ward-harness.js';

let ward: WardHarness;

beforeAll(async () => {
  // One retry: a 503 storm fails in about a second with Graph's own status, instead of using the whole deadline.
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

/** The demo tenant's incident as any Graph client reads it, for expectations that follow its data. */
async function demoIncident(id: string) {
  const response = await fetch(`${ward.demoTenantUrl}/graph/v1.0/security/incidents/${id}?$expand=alerts`);
  expect(response.status).toBe(200);
  return (await response.json()) as {
    alerts: { title: string; firstActivityDateTime: string }[];
  };
}

/** Sends an activity and returns the text of the first card Ward posted back to its conversation. */
async function ask(activity: Record<string, unknown>): Promise<{ text: string; card: unknown }> {
  const response = await ward.post(activity);
  expect(response.status).toBe(200);
  const conversationId = (activity.conversation as { id: string }).id;
  const cards = ward.connector
    .messages(conversationId)
    .map(cardOf)
    .filter((card) => card !== undefined);
  expect(cards.length).toBeGreaterThan(0);
  return { text: cardText(cards[0]), card: cards[0] };
}

async function injectFault(fault: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${ward.demoTenantUrl}/_demo/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  });
  expect(response.status).toBe(201);
}

describe('summarise incident 4211', () => {
  it('shows severity, status, the timeline, Adele and her desktop, MITRE tactics, the encoded PowerShell and next steps, cited', async () => {
    const { text, card } = await ask(personalMessage(ward.connector.url, 'summarise incident 4211'));
    expect(text).toMatch(/Incident 4211: Multi-stage incident involving Initial access & Credential access/);
    expect(text).toMatch(/high severity and active/);
    expect(text).toMatch(/nobody is assigned/);
    expect(text).toMatch(/Adele Vance/);
    expect(text).toMatch(/adele\.vance@contoso\.com/);
    expect(text).toMatch(/DESKTOP-ADELE01/);
    expect(text).toMatch(/Initial access \(TA0001\)/);
    expect(text).toMatch(/Credential access \(TA0006\)/);
    expect(text).toMatch(/T1059\.001 PowerShell/);
    expect(text).toMatch(/Timeline \(alerts in time order\)/);
    expect(text).toMatch(/-EncodedCommand [A-Za-z0-9+/]{40,}/);
    // Cards defang URLs (hxxps) and escape markdown ("192\.0.2.66").
    expect(text).toMatch(/downloads and runs code from hxxps:\/\/msft-update-cdn\.example\/wupd\.ps1/);
    expect(text).toMatch(/192\\?\.0\.2\.66/);
    expect(text).toMatch(/Isolate DESKTOP-ADELE01/);
    expect(text).toMatch(/defender-xdr\.incident/);
    expect(text).not.toMatch(/Partial answer/);
    // The timeline lists the alerts in the order their activity happened.
    const timeline = text.slice(text.indexOf('Timeline (alerts in time order)'));
    const expected = (await demoIncident('4211')).alerts
      .sort((a, b) => a.firstActivityDateTime.localeCompare(b.firstActivityDateTime))
      .map((alert) => alert.title);
    const positions = expected.map((title) => timeline.indexOf(`\n${title}\n`));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // Read-only: no action buttons, only feedback and follow-ups.
    expect(executeActions(card).filter((action) => action.verb === 'ward.action')).toEqual([]);
    expect(text).toMatch(/is adele\.vance@contoso\.com compromised\?/);
    expect(text).toMatch(/is DESKTOP-ADELE01 compliant\?/);
  });

  it('answers "what\'s new?" in the incident\'s channel about that incident, without a number', async () => {
    const { text } = await ask(
      channelMention(ward.connector.url, "what's new?", { channelName: 'Incident 4211 – Adele Vance' }),
    );
    expect(text).toMatch(/Incident 4211: Multi-stage incident/);
    expect(text).toMatch(/Latest: "Suspicious PowerShell command line" on DESKTOP-ADELE01/);
  });

  it('says what changed since its last answer when asked again in the same thread', async () => {
    const threadRoot = `${Date.now()}`;
    const options = { channelName: 'Incident 4211 – Adele Vance', threadRoot };
    await ask(channelMention(ward.connector.url, 'summarise this incident', options));
    ward.connector.clear();
    const { text } = await ask(channelMention(ward.connector.url, "what's new?", options));
    expect(text).toMatch(/Nothing new since Ward's last answer about it/);
  });
});

describe('incident lists', () => {
  it('lists the open high severity incidents, 4211 first', async () => {
    const { text } = await ask(personalMessage(ward.connector.url, 'show open high severity incidents'));
    expect(text).toMatch(/\d+ open high severity incidents?/);
    expect(text).toMatch(/Start with incident 4211/);
    expect(text).toMatch(/summarise incident 4211/);
    expect(text).not.toMatch(/\bresolved\b.*\bhigh\b/);
  });

  it("lists a user's incidents, resolved ones included", async () => {
    const { text } = await ask(personalMessage(ward.connector.url, 'incidents for adele.vance@contoso.com'));
    expect(text).toMatch(/for Adele Vance \(adele\.vance@contoso\.com\)/);
    expect(text).toMatch(/4211/);
    expect(text).toMatch(/entra\.user/);
    expect(text).toMatch(/defender-xdr\.incidents/);
  });
});

describe('when the incident is unknown or Defender XDR fails', () => {
  it('says there is no such incident, with help', async () => {
    const { text } = await ask(personalMessage(ward.connector.url, 'summarise incident 999999'));
    expect(text).toMatch(/Microsoft Defender XDR has no incident 999999/);
    expect(text).toMatch(/What I can do now/);
  });

  it('does not read a ServiceNow number as a Defender incident: it looks the ticket up in ServiceNow', async () => {
    const { text } = await ask(personalMessage(ward.connector.url, 'summarise incident INC0012345'));
    expect(text).toMatch(/ServiceNow has no incident INC0012345/);
    expect(text).not.toMatch(/Microsoft Defender XDR has no incident/);
  });

  it('answers from the alerts, explicitly partial, when the incidents endpoint fails', async () => {
    await injectFault({ path: 'security/incidents', status: 503, times: 10 });
    const { text } = await ask(personalMessage(ward.connector.url, 'summarise incident 4211'));
    expect(text).toMatch(/Partial answer/);
    expect(text).toMatch(/defender-xdr\.incident/);
    expect(text).toMatch(/Microsoft Graph failed \(503\)/);
    expect(text).toMatch(/built from its alerts alone/);
    expect(text).toMatch(/Suspicious PowerShell command line/);
    expect(text).toMatch(/DESKTOP-ADELE01/);
  });

  it('says what failed when neither incidents nor alerts can be read', async () => {
    await injectFault({ path: 'security/', status: 503, times: 20 });
    const { text } = await ask(personalMessage(ward.connector.url, 'summarise incident 4211'));
    expect(text).toMatch(/Incident 4211: Microsoft Defender XDR unavailable/);
    expect(text).toMatch(/Partial answer/);
    expect(text).toMatch(/could not list its alerts either/);
  });

  it('says the list is unavailable when listing fails', async () => {
    await injectFault({ path: 'security/incidents', status: 503, times: 10 });
    const { text } = await ask(personalMessage(ward.connector.url, 'show open high severity incidents'));
    expect(text).toMatch(/Open high severity incidents: source unavailable/);
    expect(text).toMatch(/Partial answer/);
  });
});
