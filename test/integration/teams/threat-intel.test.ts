/**
 * Threat intelligence over the real Bot Framework wire protocol: the headline prompts ("check 185.220.101.4",
 * "is evil-login.xyz malicious?", "what do we know about CVE-2024-3400?", "look up <sha256>") answered from the
 * demo tenant's VirusTotal-, NVD- and EPSS-shaped sources and its Defender XDR alerts, cited, with block, hunt
 * and patch steps and no action buttons; an internal address is called internal and never sent anywhere; an
 * indicator nobody knows is "no intelligence on it"; a source that fails makes the answer partial and named.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STAGE_TWO_HASHES } from '../../../src/demo/threatintel/threat-intel-seed.js';
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
  ward = await startWardHarness();
});
afterAll(async () => {
  await ward?.close();
});
beforeEach(async () => {
  ward.connector.clear();
  await fetch(`${ward.demoTenantUrl}/_demo/faults`, { method: 'DELETE' });
});

/** Asks in a fresh 1:1 chat (or posts the activity given) and returns the answer card. */
async function ask(question: string | Record<string, unknown>) {
  const activity =
    typeof question === 'string'
      ? {
          ...personalMessage(ward.connector.url, question),
          conversation: { id: `a:1-ti-${randomUUID()}`, conversationType: 'personal' },
        }
      : question;
  const response = await ward.post(activity);
  expect(response.status).toBe(200);
  const conversationId = (activity.conversation as { id: string }).id;
  const card = ward.connector
    .messages(conversationId)
    .map(cardOf)
    .find((candidate) => candidate !== undefined);
  expect(card).toBeDefined();
  return { card, text: unescapeCardText(cardText(card)) };
}

/** Card text as an analyst reads it: without the markdown escapes the card adds (`185\\.220…` at a line start). */
function unescapeCardText(text: string): string {
  return text.replace(/\\([\\*_[\]\-+=#.)])/g, '$1');
}

/** The Answer Ward stored for the last question (what the card was drawn from). */
async function lastAnswer() {
  const rows = await ward.database.query<{
    answer: { sources: { skill: string; ok: boolean; requests: string[] }[]; partial: boolean };
  }>('SELECT answer FROM answers ORDER BY created_at DESC LIMIT 1');
  return rows.rows[0]!.answer;
}

describe('threat intelligence in Teams', () => {
  it('answers "@Ward check 185.220.101.4" in a channel: malicious Tor exit, cited, block and hunt steps, no buttons', async () => {
    const { card, text } = await ask(channelMention(ward.connector.url, 'check 185.220.101.4'));
    expect(text).toMatch(/185\.220\.101\.4: malicious/);
    expect(text).toMatch(/High risk/);
    expect(text).toMatch(/9 of 94 engines flag it malicious/);
    expect(text).toMatch(/tagged "tor"/);
    expect(text).toMatch(/does not appear in this tenant's Defender XDR alerts/);
    expect(text).toMatch(
      /Block 185\.220\.101\.4 at the perimeter firewall and as Defender for Endpoint indicators/,
    );
    expect(text).toMatch(
      /DeviceNetworkEvents \| where Timestamp > ago\(30d\) and RemoteIP in \("185\.220\.101\.4"\)/,
    );
    expect(text).toMatch(/threat-intel\.addressReputation · GET \/api\/v3\/ip_addresses\/185\.220\.101\.4/);
    expect(text).toMatch(/threat-intel\.tenantSightings · GET \/v1\.0\/security\/alerts_v2/);
    expect(executeActions(card).filter((action) => action.verb === 'ward.action')).toEqual([]);
  });

  it('answers "is evil-login.xyz malicious?": a days-old phishing domain', async () => {
    const { text } = await ask('is evil-login.xyz malicious?');
    expect(text).toMatch(/evil-login\.xyz: malicious/);
    expect(text).toMatch(/phishing/);
    expect(text).toMatch(/registered 6 days ago/);
    expect(text).toMatch(
      /Block evil-login\.xyz in Defender for Endpoint, the web proxy and the Tenant Allow\/Block List/,
    );
  });

  it('answers "what do we know about CVE-2024-3400?": critical, known exploited, high EPSS, open on web-prod-01, patch first', async () => {
    const { text } = await ask('what do we know about CVE-2024-3400?');
    expect(text).toMatch(/CVE-2024-3400: critical, known exploited, open on web-prod-01/);
    expect(text).toMatch(/Critical risk/);
    expect(text).toMatch(/Palo Alto Networks PAN-OS Command Injection Vulnerability/);
    expect(text).toMatch(/CVSS 3\.1 10\.0 \(critical\)/);
    expect(text).toMatch(/Known Exploited Vulnerabilities catalog since 2024-04-12/);
    expect(text).toMatch(/EPSS 94% chance of exploitation in 30 days/);
    expect(text).toMatch(/Patch CVE-2024-3400 now \(known exploited\)/);
    // Exposure in this tenant: where Defender for Cloud's scans report it, and the question that goes deeper.
    expect(text).toMatch(/In this tenant, Defender for Cloud reports CVE-2024-3400 open on web-prod-01\./);
    expect(text).toMatch(/is web-prod-01 vulnerable to CVE-2024-3400\?/);
    expect(text).toMatch(
      /defender-cloud\.vulnerabilityFindings · GET \/subscriptions\/[0-9a-f-]+\/providers\/Microsoft\.Security\/subAssessments/,
    );
    expect(text).toMatch(/threat-intel\.vulnerability · GET \/rest\/json\/cves\/2\.0\?cveId=CVE-2024-3400/);
    expect(text).toMatch(/threat-intel\.exploitPrediction · GET \/data\/v1\/epss\?cve=CVE-2024-3400/);
  });

  it('answers "look up <sha256>" of the stager\'s second stage: a known PowerShell downloader', async () => {
    const { text } = await ask(`look up ${STAGE_TWO_HASHES.sha256}`);
    expect(text).toMatch(new RegExp(`${STAGE_TWO_HASHES.sha256}: malicious`));
    expect(text).toMatch(/trojan\.powershell\/downloader/);
    expect(text).toMatch(/wupd\.ps1/);
    expect(text).toMatch(/Add a file indicator for/);
  });

  it("ties incident 4211's infrastructure to the incident: the Tor exit and the stager URL", async () => {
    const { text } = await ask('check 192.0.2.66 and https://msft-update-cdn.example/wupd.ps1');
    expect(text).toMatch(/2 indicators: 2 malicious/);
    expect(text).toMatch(/192\.0\.2\.66 appears in 2 Defender XDR alerts \(incident 4211\)/);
    expect(text).toMatch(
      /msft-update-cdn\.example\/wupd\.ps1 appears in 1 Defender XDR alert \(incident 4211\)/,
    );
    expect(text).toMatch(/Work incident 4211/);
    expect(text).toMatch(/what happened in incident 4211\?/);
  });

  it('answers a follow-up in the same thread about the same address', async () => {
    const threadRoot = `${Date.now()}`;
    await ask(channelMention(ward.connector.url, 'check 192.0.2.66', { threadRoot }));
    ward.connector.clear();
    const { text } = await ask(channelMention(ward.connector.url, 'is it in any incident?', { threadRoot }));
    expect(text).toMatch(/192\.0\.2\.66: malicious, seen in incident 4211/);
  });

  it('calls a private address internal and sends it to no threat-intelligence source', async () => {
    const { text } = await ask('check 10.20.14.37');
    expect(text).toMatch(/10\.20\.14\.37 is a private \(internal\) address/);
    expect(text).toMatch(/Ward did not send it to a threat-intelligence source/);
    // The tenant's own alerts are searched: it is DESKTOP-ADELE01's address in incident 4211.
    expect(text).toMatch(/10\.20\.14\.37 appears in 1 Defender XDR alert \(incident 4211\)/);
    const answer = await lastAnswer();
    expect(answer.sources.map((source) => source.skill)).toEqual(['tenantSightings']);
  });

  it('says "no intelligence on it" for an address no source knows, as an answer, not an error', async () => {
    const { text } = await ask('check 198.51.100.250');
    expect(text).toMatch(/198\.51\.100\.250: no intelligence on it/);
    expect(text).toMatch(/has no record of it/);
    expect(text).not.toMatch(/Partial answer/);
  });

  it('answers partially, naming VirusTotal, when the reputation source is down', async () => {
    const fault = await fetch(`${ward.demoTenantUrl}/_demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '^/threatintel/api/v3/', status: 503 }),
    });
    expect(fault.status).toBe(201);
    const { text } = await ask('check 185.220.101.4 and CVE-2024-3400');
    expect(text).toMatch(/Partial answer: one source could not be reached/);
    expect(text).toMatch(/VirusTotal failed \(503/);
    expect(text).toMatch(/IP address 185\.220\.101\.4 could not be checked/);
    // What the other sources said is still there.
    expect(text).toMatch(/CVE-2024-3400/);
    expect(text).toMatch(/known exploited/);
    const answer = await lastAnswer();
    expect(answer.partial).toBe(true);
    expect(answer.sources.filter((source) => !source.ok).map((source) => source.skill)).toEqual([
      'addressReputation',
    ]);
  });
});
