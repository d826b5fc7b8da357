/**
 * Hunting in Sentinel over the real wire protocol, on the demo tenant's workspace: a template question runs a
 * validated KQL query and shows the query and its rows; the analyst's own KQL runs the same way; a query that
 * does not fit the workspace schema is refused with the reason and never run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_ID, channelMention } from '../../support/teams-activities.js';
import { cardOf, cardText, startWardHarness, type WardHarness } from '../../support/ward-harness.js';

let ward: WardHarness;
beforeAll(async () => {
  ward = await startWardHarness();
});
afterAll(async () => {
  await ward?.close();
});

async function ask(question: string): Promise<string> {
  const root = `${Date.now()}-${Math.random()}`;
  expect((await ward.post(channelMention(ward.connector.url, question, { threadRoot: root }))).status).toBe(
    200,
  );
  const replies = ward.connector.messages(`${CHANNEL_ID};messageid=${root}`);
  expect(replies).toHaveLength(1);
  return cardText(cardOf(replies[0] ?? { body: {} }));
}

describe('hunting in Sentinel', () => {
  it('finds the password spray address among failed sign-ins by IP, showing the query', async () => {
    const card = await ask('find failed sign-ins by IP this week');
    expect(card).toMatch(/Failed sign-ins by IP: \d+/);
    expect(card).toMatch(/SigninLogs/);
    expect(card).toMatch(/summarize/);
    expect(card).toMatch(/192\\?\.0\.2\.45/);
  });

  it('hunts encoded PowerShell and finds incident 4211’s command line', async () => {
    const card = await ask('hunt for encoded powershell in the last 7 days');
    expect(card).toMatch(/Encoded PowerShell: [1-9]/);
    expect(card).toMatch(/DeviceProcessEvents/);
    expect(card).toMatch(/DESKTOP-ADELE01|desktop-adele01/i);
  });

  it('runs the analyst’s own KQL after validating it', async () => {
    const card = await ask('kql: SigninLogs | where UserPrincipalName == "adele.vance@contoso.com" | take 3');
    expect(card).toMatch(/Your query: 3 rows/);
  });

  it('refuses a query that does not fit the workspace schema, and runs nothing', async () => {
    const card = await ask('kql: SigninLogs | where NoSuchColumn == "x"');
    expect(card).toMatch(/query refused/);
    expect(card).toMatch(/NoSuchColumn/);
    expect(card).toMatch(/Nothing was run/);
  });
});
