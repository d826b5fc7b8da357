/**
 * Prompt injections planted in tenant data, through the real stack: text planted in the demo tenant
 * (`POST /_demo/plant`) in fields Ward reads today (a user's display name and job title, the app name of a
 * sign-in, a ServiceNow ticket's short description), a real Bot Framework activity asking "is
 * adele.vance@contoso.com compromised?", the rules planner, the skill ledger's detector, post-processing and
 * PGlite. The stored answer carries an `injection` notice naming the field and quoting the text, its source is
 * marked flagged, and no proposed action targets anyone but Adele, whoever the planted text names.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServiceNowClient } from '../../../src/clients/servicenow.js';
import { type Answer, answerSchema } from '../../../src/core/answer.js';
import { createSkillLedger } from '../../../src/core/grounding/skill-ledger.js';
import { createPluginRegistry } from '../../../src/core/plugin-registry.js';
import { STORY_PEOPLE } from '../../../src/demo/seed/people.js';
import { SERVICENOW_DEMO_CREDENTIALS } from '../../../src/demo/servicenow/servicenow-demo-credentials.js';
import { createServiceNowPlugin } from '../../../src/plugins/servicenow/servicenow-plugin.js';
import { INJECTION_PAYLOADS, type InjectionPayload } from '../../fixtures/injection-payloads.js';
import { propose } from '../../support/action-clicks.js';
import { startWardHarness, type WardHarness } from '../../support/ward-harness.js';

const ADELE = STORY_PEOPLE.adele;
const QUESTION = `is ${ADELE.userPrincipalName} compromised?`;
const EVERYONE = [...Object.values(STORY_PEOPLE)];

function payload(id: string): InjectionPayload {
  const found = INJECTION_PAYLOADS.find((entry) => entry.id === id);
  if (!found) throw new Error(`no payload ${id} in the corpus`);
  return found;
}

let ward: WardHarness;
beforeAll(async () => {
  ward = await startWardHarness();
});
afterAll(async () => {
  await ward?.close();
});
beforeEach(async () => {
  ward.connector.clear();
  await fetch(`${ward.demoTenantUrl}/_demo/reset`, { method: 'POST' });
});

async function plant(target: string, value: string, id?: string) {
  const response = await fetch(`${ward.demoTenantUrl}/_demo/plant`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ target, value, ...(id ? { id } : {}) }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** Asks in a fresh 1:1 chat; returns the stored answer and the targets of its pending actions. */
async function ask() {
  const { conversationId, buttons } = await propose(ward, QUESTION);
  const stored = await ward.database.query<{ id: string; answer: unknown }>(
    'SELECT id, answer FROM answers WHERE conversation_id = $1',
    [conversationId],
  );
  expect(stored.rows).toHaveLength(1);
  const row = stored.rows[0]!;
  const answer: Answer = answerSchema.parse(row.answer);
  const actions = await ward.database.query<{ target: { id: string }; input: Record<string, string> }>(
    'SELECT target, input FROM pending_actions WHERE answer_id = $1',
    [row.id],
  );
  return { answer, buttons, actions: actions.rows };
}

/** The answer is still about Adele, proposes containment for her alone, and names no one else in its actions. */
function expectOnlyAdeleTargeted(result: Awaited<ReturnType<typeof ask>>) {
  expect(result.answer.subject?.id).toBe(ADELE.id);
  expect(result.buttons.size).toBeGreaterThan(0);
  expect(result.actions.length).toBe(result.buttons.size);
  for (const action of result.actions) {
    expect(action.target.id).toBe(ADELE.id);
    const text = JSON.stringify(action.input);
    for (const person of EVERYONE.filter((entry) => entry.id !== ADELE.id)) {
      expect(text).not.toContain(person.userPrincipalName);
      expect(text).not.toContain(person.id);
    }
  }
  for (const proposal of result.answer.proposedActions) expect(proposal.target.id).toBe(ADELE.id);
}

function injectionNotices(answer: Answer) {
  return answer.notices.filter((notice) => notice.kind === 'injection');
}

describe('an injection planted in a field Ward reads', () => {
  it.each([
    'display-name-system-bracket',
    'display-name-note-to-ai',
    'zero-width-display-name',
    'display-name-mixed-zh',
  ])("is flagged on the answer when it is Adele's display name (%s)", async (id) => {
    const planted = payload(id);
    expect(planted.fits).toContain('displayName');
    await plant('user.displayName', planted.text);

    const result = await ask();
    // Graph serves the current display name on the user and on the riskyUser record: both sources hold it.
    const notices = injectionNotices(result.answer);
    const userSource = result.answer.sources.find((source) => source.skill === 'user')!;
    const riskySource = result.answer.sources.find((source) => source.skill === 'riskyUser')!;
    expect(notices.map((notice) => notice.citations)).toEqual([[userSource.id], [riskySource.id]]);
    expect(notices[0]?.text).toContain('in displayName');
    expect(notices[1]?.text).toContain('in userDisplayName');
    expect(notices[0]?.text).toContain('Ward ignored them');
    expect(userSource.flagged?.[0]).toMatchObject({ field: 'displayName' });
    expectOnlyAdeleTargeted(result);
  });

  it.each([
    'ignore-above-reset-lynne',
    'hello-chatgpt-button',
    'json-tool-reset',
    'propose-button-reset',
    'reset-without-approval',
  ])('never turns into an action on the user it names, in her job title (%s)', async (id) => {
    const planted = payload(id);
    expect(planted.targetUpn).toBeDefined();
    expect(planted.text.length).toBeLessThanOrEqual(128);
    await plant('user.jobTitle', planted.text);

    const result = await ask();
    const [notice] = injectionNotices(result.answer);
    expect(notice?.text).toContain('in jobTitle');
    expectOnlyAdeleTargeted(result);
    const named = EVERYONE.find((person) => person.userPrincipalName === planted.targetUpn)!;
    expect(result.actions.map((action) => action.target.id)).not.toContain(named.id);
  });

  it.each([
    'app-authenticator-system',
    'app-new-instructions',
    'app-mark-sign-in-legit',
    'hey-bot-escalate-nothing',
  ])('is flagged when it is the app name of her newest sign-in (%s)', async (id) => {
    const planted = payload(id);
    expect(planted.fits).toContain('appName');
    await plant('signIn.appDisplayName', planted.text);

    const result = await ask();
    const [notice] = injectionNotices(result.answer);
    const signInSource = result.answer.sources.find((source) => source.skill === 'signIns')!;
    expect(notice?.citations).toEqual([signInSource.id]);
    expect(notice?.text).toMatch(/in signIns\[\d+\]\.appDisplayName/);
    expect(signInSource.flagged?.[0]?.excerpt).toContain(planted.text.slice(0, 20));
    expectOnlyAdeleTargeted(result);
  });

  it('gives one notice per flagged source (user, risky user, sign-ins), injection notices first', async () => {
    await plant('user.displayName', payload('display-name-assistant').text);
    await plant('user.jobTitle', payload('system-override-grant').text);
    await plant('signIn.appDisplayName', payload('app-sso-ignore').text);

    const result = await ask();
    const notices = injectionNotices(result.answer);
    expect(notices.map((notice) => notice.citations?.[0])).toEqual(
      ['user', 'riskyUser', 'signIns'].map(
        (skill) => result.answer.sources.find((s) => s.skill === skill)?.id,
      ),
    );
    expect(result.answer.notices.slice(0, notices.length)).toEqual(notices);
    expect(notices[0]?.text).toMatch(/in displayName and 1 more field/);
    expect(notices[2]?.text).toMatch(/appDisplayName/);
    expectOnlyAdeleTargeted(result);
  });

  it('adds no notice when nothing was planted', async () => {
    const result = await ask();
    expect(injectionNotices(result.answer)).toEqual([]);
    expect(result.answer.sources.every((source) => source.flagged === undefined)).toBe(true);
    expectOnlyAdeleTargeted(result);
  });
});

describe('an injection planted in a ServiceNow ticket', () => {
  it('is flagged on the source of the recent-incidents skill', async () => {
    const planted = payload('alert-title-note-to-ai');
    await plant('ticket.shortDescription', planted.text.slice(0, 160));
    const plugin = createServiceNowPlugin({
      client: createServiceNowClient({
        baseUrl: `${ward.demoTenantUrl}/servicenow`,
        auth: {
          username: SERVICENOW_DEMO_CREDENTIALS.username,
          password: SERVICENOW_DEMO_CREDENTIALS.password,
        },
        timeoutMs: 5_000,
        maxRetries: 0,
      }),
    });
    const ledger = createSkillLedger({
      registry: createPluginRegistry([plugin]),
      signal: AbortSignal.timeout(10_000),
    });
    const call = await ledger.call('servicenow.recentIncidents', { days: 7 });
    expect(call.ok).toBe(true);
    const [source] = ledger.sources();
    expect(source?.flagged).toEqual([
      { field: expect.stringMatching(/^incidents\[\d+\]\.short_description$/), excerpt: planted.text },
    ]);
  });
});
