/**
 * Device questions over the real Bot Framework wire protocol, with the default rules planner and the demo
 * tenant's Intune: "is Diego's laptop compliant?" (the person resolved from the name, the laptop chosen from
 * their devices, why it is not compliant from its compliance policy states), a device named in the question, a
 * person's devices, the tenant's non-compliant devices, a device Intune does not manage, a follow-up about the
 * device just answered, and Intune failing: an answer that says so, never an error.
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
  // One retry keeps the fault test short; the rest never meets a fault.
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

let nextRoot = 1_734_000_000_000;

/** Asks in a channel thread (a new one unless given) and returns the card Ward posted back. */
async function ask(question: string, threadRoot = String(++nextRoot)) {
  const activity = channelMention(ward.connector.url, question, { threadRoot });
  const conversationId = (activity.conversation as { id: string }).id;
  const before = ward.connector.messages(conversationId).length;
  const response = await ward.post(activity);
  expect(response.status).toBe(200);
  const messages = ward.connector.messages(conversationId);
  expect(messages).toHaveLength(before + 1);
  const card = cardOf(messages.at(-1)!);
  const text = cardText(card);
  if (process.env.PRINT_CARDS) console.log(`--- ${question}\n${text}`);
  return { card, text };
}

describe("is Diego's laptop compliant?", () => {
  it('answers about DESKTOP-DIEGO01: non-compliant because BitLocker is off and the OS is below the minimum', async () => {
    const { card, text } = await ask("is Diego's laptop compliant?");

    expect(text).toMatch(/DESKTOP-DIEGO01: Non-compliant — BitLocker off, OS out of date/);
    expect(text).toMatch(/Medium risk/);
    // Owner, hardware, OS, encryption, last check-in: from the managed device record.
    expect(text).toMatch(/Diego Siciliani \(diego\.siciliani@contoso\.com\)/);
    expect(text).toMatch(/Dell Inc\. Latitude 7420/);
    expect(text).toMatch(/Windows 10\.0\.22631\.4169/);
    expect(text).toMatch(/Encrypted\s+no/);
    expect(text).toMatch(/Last check-in\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC \(2 d ago\)/);
    // Why, from the per-setting compliance states.
    expect(text).toMatch(/BitLocker is off \(the disk is not encrypted\)/);
    expect(text).toMatch(/OS version 10\.0\.22631\.4169 is below the policy's minimum/);
    expect(text).toMatch(/Windows 11 - Compliance baseline/);
    expect(text).toMatch(/BitLockerEnabled/);
    expect(text).toMatch(/OsMinimumVersion/);
    // How far behind, from the tenant's other Windows devices.
    expect(text).toMatch(/the newest is 10\.0\.22631\.4602/);
    // Remediation, sources, and no device actions.
    expect(text).toMatch(/Turn on BitLocker/);
    expect(text).toMatch(/Install the latest OS updates/);
    expect(text).toMatch(/Sync the device, then check it again/);
    expect(text).toMatch(/entra\.findUsers/);
    expect(text).toMatch(/intune\.userDevices/);
    expect(text).toMatch(/intune\.deviceCompliance/);
    expect(text).toMatch(/intune\.osVersions/);
    expect(text).not.toMatch(/Partial answer/);
    expect(executeActions(card).filter((action) => action.verb === 'ward.action')).toEqual([]);
  });

  it('follows up on the device just answered ("is it encrypted?")', async () => {
    const thread = String(++nextRoot);
    await ask("is Diego's laptop compliant?", thread);
    const { text } = await ask('is it encrypted?', thread);
    expect(text).toMatch(/DESKTOP-DIEGO01: Non-compliant/);
    expect(text).toMatch(/intune\.device\b/);
  });
});

describe('other device questions', () => {
  it('answers about a device named in the question: DESKTOP-ADELE01 is compliant', async () => {
    const { text } = await ask('is DESKTOP-ADELE01 compliant?');
    expect(text).toMatch(/DESKTOP-ADELE01: Compliant/);
    expect(text).toMatch(/Adele Vance \(adele\.vance@contoso\.com\)/);
    expect(text).toMatch(/Microsoft Corporation Surface Laptop 5/);
    expect(text).toMatch(/No remediation needed/);
    expect(text).not.toMatch(/intune\.osVersions/);
  });

  it("lists a person's devices by UPN, with compliance, encryption and last check-in", async () => {
    const { text } = await ask("show adele.vance@contoso.com's devices");
    expect(text).toMatch(/Adele Vance's devices/);
    expect(text).toMatch(/Managed devices/);
    expect(text).toMatch(/DESKTOP-ADELE01/);
    expect(text).toMatch(/Adele's iPhone|Adele's Galaxy|Adele's Pixel/);
    expect(text).toMatch(/Last check-in/);
  });

  it('lists the devices of a person named by first name ("what devices does megan use")', async () => {
    const { text } = await ask('what devices does megan use');
    expect(text).toMatch(/Megan Bowen's devices/);
    expect(text).toMatch(/megan\.bowen@contoso\.com/);
  });

  it('lists the non-compliant devices when no one is named, DESKTOP-DIEGO01 among them', async () => {
    const { text } = await ask('show non-compliant devices');
    expect(text).toMatch(/\d+ non-compliant devices/);
    expect(text).toMatch(/Non-compliant devices/);
    expect(text).toMatch(/DESKTOP-DIEGO01/);
    expect(text).toMatch(/Diego Siciliani/);
    expect(text).toMatch(/intune\.nonCompliantDevices/);
  });

  it('says plainly when Intune manages no device by that name', async () => {
    const { text } = await ask('is DESKTOP-NOPE99 compliant?');
    expect(text).toMatch(/Intune manages no device named "DESKTOP-NOPE99"/);
  });
});

describe('when Intune fails', () => {
  it('answers that Intune was unavailable, naming the failure, instead of an error', async () => {
    const fault = await fetch(`${ward.demoTenantUrl}/_demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: 'deviceManagement', status: 503, times: 10 }),
    });
    expect(fault.ok).toBe(true);
    const activity = personalMessage(ward.connector.url, "is Diego's laptop compliant?");
    const response = await ward.post(activity);
    expect(response.status).toBe(200);
    const messages = ward.connector.messages((activity.conversation as { id: string }).id);
    const card = cardOf(messages.at(-1)!);
    const text = cardText(card);
    expect(text).toMatch(/Diego Siciliani's devices: Intune unavailable/);
    expect(text).toMatch(/Microsoft Intune was unavailable/);
    expect(text).toMatch(/Microsoft Graph failed \(503\)/);
    expect(text).toMatch(/Partial answer/);
    expect(text).toMatch(/intune\.userDevices/);
    expect(text).not.toMatch(/Something went wrong/);
  });
});
