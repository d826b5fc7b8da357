/**
 * Identity questions over the real Bot Framework wire protocol, with the default rules planner and the demo
 * tenant's Entra ID: "why is adele blocked?" and "why can't megan sign in?" (the failed sign-ins from the
 * sign-in log, the error codes and Conditional Access results, the cause in words, what to do), the identity
 * posture review ("privileged accounts without MFA", "review our conditional access policies": Lynne Robbins,
 * an eligible Global Administrator with no MFA method, the report-only and disabled policies, the break-glass
 * exclusions, her PIM activation), and Conditional Access failing: a partial answer that says so.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { channelMention } from '../../support/teams-activities.js';
import { cardOf, cardText, startWardHarness, type WardHarness } from '../../support/ward-harness.js';

let ward: WardHarness;

beforeAll(async () => {
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

let nextRoot = 1_736_000_000_000;

/** Asks in a new channel thread and returns the card Ward posted back, as text. */
async function ask(question: string) {
  const activity = channelMention(ward.connector.url, question, { threadRoot: String(++nextRoot) });
  const conversationId = (activity.conversation as { id: string }).id;
  const response = await ward.post(activity);
  expect(response.status).toBe(200);
  const messages = ward.connector.messages(conversationId);
  expect(messages.length).toBeGreaterThan(0);
  const text = cardText(cardOf(messages.at(-1)!));
  if (process.env.PRINT_CARDS) console.log(`--- ${question}\n${text}`);
  return text;
}

describe('sign-in failures', () => {
  it('says why adele.vance@contoso.com is blocked: MFA denied, with the Conditional Access policies that failed', async () => {
    const text = await ask('why is adele.vance@contoso.com blocked?');
    expect(text).toMatch(/Adele Vance: /);
    expect(text).toMatch(/500121/);
    expect(text).toMatch(/MFA failed or denied/);
    expect(text).toMatch(/CA001: Require multifactor authentication for all users/);
    expect(text).toMatch(/OfficeHome/);
    expect(text).toMatch(/entra\.signIns/);
    expect(text).not.toMatch(/Partial answer/);
  });

  it("says why megan can't sign in from her own failed sign-ins", async () => {
    const text = await ask("why can't megan sign in?");
    expect(text).toMatch(/Megan Bowen: /);
    expect(text).toMatch(/Failed sign-ins/);
    expect(text).toMatch(/error \d{5,6}/);
    expect(text).toMatch(/entra\.findUsers|entra\.getUser/);
    expect(text).toMatch(/entra\.signIns/);
  });
});

describe('identity posture', () => {
  it('finds Lynne Robbins: an eligible Global Administrator with no MFA method', async () => {
    const text = await ask('privileged accounts without MFA');
    expect(text).toMatch(/Identity posture: /);
    expect(text).toMatch(/Lynne Robbins: eligible Global Administrator with no MFA method/);
    expect(text).toMatch(/CA Exclusion - MFA/);
    expect(text).toMatch(/lynne\.robbins@contoso\.com activated Global Administrator/);
    expect(text).toMatch(/entra\.privilegedRoleAssignments/);
    expect(text).toMatch(/entra\.authenticationMethods/);
    expect(text).not.toMatch(/Partial answer/);
  });

  it('reviews the Conditional Access policies: report-only, off, and the break-glass exclusion', async () => {
    const text = await ask('review our conditional access policies');
    expect(text).toMatch(/Policy in report-only: CA005/);
    expect(text).toMatch(/Policy off: CA006/);
    expect(text).toMatch(/Break Glass Accounts is excluded from every enabled policy/);
    expect(text).toMatch(/blocked by CA002: Block legacy authentication/);
    expect(text).toMatch(/entra\.conditionalAccessPolicies/);
  });

  it('gives a partial answer when Conditional Access cannot be read', async () => {
    await fetch(`${ward.demoTenantUrl}/_demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: 'identity/conditionalAccess', status: 503, times: 10 }),
    });
    const text = await ask('identity posture');
    expect(text).toMatch(/Partial answer/);
    expect(text).toMatch(/Could not check: Conditional Access policies/);
    expect(text).toMatch(/Lynne Robbins: eligible Global Administrator with no MFA method/);
  });
});
