/**
 * Transparency over the real wire protocol, on the demo tenant: every answer card has "How I got this" (the
 * planner, each source with its skill, inputs, the request — KQL for a hunt, a Graph path for a user — and
 * timings), every answer is stored with its source snapshot, a finding's "Re-run" repeats its source and posts
 * what changed since the snapshot (forged, unknown and other conversations' ids are refused with nothing run),
 * an action's audit trail names the answer and sources that proposed it, and the largest demo answers stay
 * within Teams' message size.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { click, propose, settle } from '../../support/action-clicks.js';
import { addDemoFault } from '../../support/demo-faults.js';
import {
  ANALYST,
  CHANNEL_ID,
  cardAction,
  channelMention,
  personalMessage,
} from '../../support/teams-activities.js';
import {
  cardOf,
  cardText,
  executeActions,
  startWardHarness,
  type WardHarness,
} from '../../support/ward-harness.js';

let ward: WardHarness;
beforeAll(async () => {
  ward = await startWardHarness({ SOURCE_MAX_RETRIES: '0' });
});
afterAll(async () => {
  await ward?.close();
});
beforeEach(async () => {
  ward.connector.clear();
  await fetch(`${ward.demoTenantUrl}/_demo/faults`, { method: 'DELETE' });
  await fetch(`${ward.demoTenantUrl}/_demo/reset`, { method: 'POST' });
});

type Card = Record<string, unknown>;

/** Every object in a card, depth first. */
function objects(value: unknown, found: Card[] = []): Card[] {
  if (Array.isArray(value)) for (const item of value) objects(item, found);
  else if (value && typeof value === 'object') {
    found.push(value as Card);
    for (const item of Object.values(value)) objects(item, found);
  }
  return found;
}

function howIGotThis(card: unknown): Card | undefined {
  return objects(card).find((object) => object.id === 'wardHowIGotThis');
}

/** Asks in a new channel thread; returns the card, its answer id, its text and the whole activity's size. */
async function ask(question: string) {
  const root = `${Date.now()}-${Math.random()}`;
  const conversationId = `${CHANNEL_ID};messageid=${root}`;
  expect((await ward.post(channelMention(ward.connector.url, question, { threadRoot: root }))).status).toBe(
    200,
  );
  const [reply] = ward.connector.messages(conversationId);
  const card = cardOf(reply ?? { body: {} });
  expect(card).toBeDefined();
  const actions = executeActions(card);
  return {
    conversationId,
    card: card!,
    text: cardText(card),
    answerId: String(actions.find((action) => action.verb === 'ward.feedback')?.data.answerId),
    reruns: actions.filter((action) => action.verb === 'ward.rerunSource'),
    bytes: Buffer.byteLength(JSON.stringify(reply?.body), 'utf8'),
  };
}

async function clickRerunSource(conversationId: string, data: Record<string, unknown>) {
  const response = await ward.post(cardAction(ward.connector.url, conversationId, 'ward.rerunSource', data));
  expect(response.status).toBe(200);
  return cardText((response.body as { value: unknown }).value);
}

async function snapshotRows(answerId: string) {
  const result = await ward.database.query<{ source_id: string; plugin: string; skill: string; ok: boolean }>(
    'SELECT source_id, plugin, skill, ok FROM answer_sources WHERE answer_id = $1 ORDER BY length(source_id), source_id',
    [answerId],
  );
  return result.rows;
}

/** Counts Graph sign-in and risk requests to the demo tenant through a no-op fault rule. */
async function countRequests(path: string): Promise<() => Promise<number>> {
  await addDemoFault(ward.demoTenantUrl, { path, delayMs: 0 });
  return async () => {
    const listed = (await (await fetch(`${ward.demoTenantUrl}/_demo/faults`)).json()) as {
      value: { applied: number }[];
    };
    return listed.value.reduce((sum, rule) => sum + rule.applied, 0);
  };
}

describe('How I got this', () => {
  it('shows a hunt’s KQL whole in a monospace block, with the planner, inputs and timings', async () => {
    const { card, answerId } = await ask('find failed sign-ins by IP this week');
    const section = howIGotThis(card);
    expect(section?.isVisible).toBe(false);
    const text = cardText(section);
    expect(text).toMatch(/Planner: Ward's rules \(deterministic, no model\)/);
    expect(text).toMatch(/S1 · sentinel\.failedSignInsByIp · Microsoft Sentinel \S+ · \d+(\.\d)? m?s/);
    expect(text).toMatch(/Inputs: hours: 168 · top: 10/);
    expect(text).toMatch(/POST \/v1\/workspaces\/[^ ]+\/query \(PT168H\) · KQL:/);
    const monospace = objects(section).filter((object) => object.fontType === 'Monospace');
    expect(monospace).toHaveLength(1);
    expect(String(monospace[0]?.text)).toMatch(/^SigninLogs\n\n\| where TimeGenerated > ago\(168h\)/);
    expect(String(monospace[0]?.text)).toMatch(/\| summarize/);
    const ms = String.raw`\d+(?:\.\d)? m?s`;
    expect(text).toMatch(
      new RegExp(
        `Timings: grounding ${ms} · planning ${ms} \\(sources ${ms}\\) · post-processing ${ms} · total ${ms}`,
      ),
    );
    expect(await snapshotRows(answerId)).toEqual([
      { source_id: 'S1', plugin: 'sentinel', skill: 'failedSignInsByIp', ok: true },
    ]);
  });

  it('shows the Graph path and inputs behind a user-risk answer, and each finding gets a Re-run', async () => {
    const { card, answerId, reruns } = await ask('is adele.vance@contoso.com compromised?');
    const text = cardText(howIGotThis(card));
    expect(text).toMatch(/S2 · entra\.riskyUser · Microsoft Entra ID \S+ · \d+ ms/);
    expect(text).toMatch(/Inputs: userId: [0-9a-f-]{36}/);
    expect(text).toMatch(/GET \/v1\.0\/identityProtection\/riskyUsers\/[0-9a-f-]{36}/);
    expect(text).toMatch(/GET \/v1\.0\/auditLogs\/signIns\?\$filter=userId eq/);
    expect(objects(howIGotThis(card)).some((object) => object.fontType === 'Monospace')).toBe(false);
    expect(reruns.length).toBeGreaterThan(0);
    for (const rerun of reruns) {
      expect(Object.keys(rerun.data).sort()).toEqual(['answerId', 'sourceId']);
      expect(rerun.data.answerId).toBe(answerId);
    }
    const rows = await snapshotRows(answerId);
    expect(rows.map((row) => `${row.plugin}.${row.skill}`)).toEqual(
      expect.arrayContaining(['entra.user', 'entra.riskyUser', 'entra.riskDetections', 'entra.signIns']),
    );
  });

  it('names a source that failed and why', async () => {
    await addDemoFault(ward.demoTenantUrl, { path: 'auditLogs/signIns', status: 503, times: 5 });
    const { card } = await ask('is adele.vance@contoso.com compromised?');
    const section = howIGotThis(card);
    expect(cardText(section)).toMatch(/Failed: .*503/);
    expect(objects(section).some((object) => object.color === 'attention')).toBe(true);
  });

  it('records a promptbook run with its snapshot, within the size Teams accepts', async () => {
    const { answerId, bytes, card } = await ask('run investigate-user adele.vance@contoso.com');
    expect((await snapshotRows(answerId)).length).toBeGreaterThan(4);
    expect(cardText(howIGotThis(card))).toMatch(/Planner: Ward's rules/);
    expect(bytes).toBeLessThan(28_000);
  });

  it.each(['run morning-triage', 'run investigate-incident 4211', 'summarise incident 4211'])(
    'keeps "%s", one of the largest demo answers, under 28 KB',
    async (question) => {
      const { bytes, card } = await ask(question);
      expect(howIGotThis(card)).toBeDefined();
      expect(bytes).toBeLessThan(28_000);
    },
  );
});

describe('Re-run of a finding', () => {
  it('answers the click at once and posts what changed in that source since the answer', async () => {
    const first = await ask('is adele.vance@contoso.com compromised?');
    const signIns = first.reruns.find((rerun) => /S4/.test(rerun.title));
    expect(signIns?.data).toEqual({ answerId: first.answerId, sourceId: 'S4' });
    // The newest sign-in changes in the tenant after the answer.
    const planted = await fetch(`${ward.demoTenantUrl}/_demo/plant`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        target: 'signIn.appDisplayName',
        id: 'adele.vance@contoso.com',
        value: 'Contoso Payroll Export',
      }),
    });
    expect(planted.status).toBe(200);
    ward.connector.clear();

    const clicked = await clickRerunSource(first.conversationId, signIns!.data);
    expect(clicked).toMatch(
      /Re-running S4 \(entra\.signIns\) for Patti Fernandez: the result will appear below/,
    );
    expect(clicked).toMatch(/Adele Vance: High risk/);

    await expect
      .poll(() => ward.connector.messages(first.conversationId).length, { timeout: 10_000 })
      .toBe(1);
    const posted = cardText(cardOf(ward.connector.messages(first.conversationId)[0]!));
    expect(posted).toMatch(/^Re-run of S4 · entra\.signIns$/m);
    expect(posted).toMatch(/Ran \d{4}-\d\d-\d\d \d\d:\d\d UTC for Patti Fernandez · Microsoft Entra ID/);
    expect(posted).toMatch(/Answered in \d+ ms/);
    expect(posted).toMatch(/GET \/v1\.0\/auditLogs\/signIns\?\$filter=userId eq/);
    expect(posted).toMatch(/Then (\d+) items · now \1 items/);
    // The planted sign-in changed its app (the demo tenant also slides every time to now).
    expect(posted).toMatch(/0 new · 0 gone · \d+ changed since the snapshot \(.*appDisplayName.*\)/);
    expect(posted).toMatch(new RegExp(`Snapshot: answer ${first.answerId} of `));
  });

  it("repeats a hunt's query and lists the first new rows", async () => {
    const first = await ask(
      'kql: SigninLogs | where UserPrincipalName == "adele.vance@contoso.com" | project AppDisplayName, IPAddress | take 50',
    );
    const rerun = first.reruns[0];
    expect(rerun).toBeDefined();
    await fetch(`${ward.demoTenantUrl}/_demo/plant`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        target: 'signIn.appDisplayName',
        id: 'adele.vance@contoso.com',
        value: 'Contoso Payroll Export',
      }),
    });
    ward.connector.clear();
    expect(await clickRerunSource(first.conversationId, rerun!.data)).toMatch(
      /Re-running S1 \(sentinel\.runQuery\)/,
    );
    await expect
      .poll(() => ward.connector.messages(first.conversationId).length, { timeout: 10_000 })
      .toBe(1);
    const posted = cardText(cardOf(ward.connector.messages(first.conversationId)[0]!));
    expect(posted).toMatch(/Re-run of S1 · sentinel\.runQuery/);
    expect(posted).toMatch(/1 new · 1 gone · 0 changed since the snapshot/);
    expect(posted).toMatch(/New: .*AppDisplayName: Contoso Payroll Export/);
    // The query, whole, in monospace.
    const card = cardOf(ward.connector.messages(first.conversationId)[0]!);
    expect(objects(card).find((object) => object.fontType === 'Monospace')?.text).toMatch(
      /^SigninLogs\n\n\| where UserPrincipalName == "adele\.vance@contoso\.com"/,
    );
  });

  it('posts a failed re-run with its reason', async () => {
    const first = await ask('is adele.vance@contoso.com compromised?');
    const rerun = first.reruns.find((item) => /S3/.test(item.title));
    await addDemoFault(ward.demoTenantUrl, {
      path: 'identityProtection/riskDetections',
      status: 500,
      times: 5,
    });
    ward.connector.clear();
    await clickRerunSource(first.conversationId, rerun!.data);
    await expect
      .poll(() => ward.connector.messages(first.conversationId).length, { timeout: 10_000 })
      .toBe(1);
    const posted = cardText(cardOf(ward.connector.messages(first.conversationId)[0]!));
    expect(posted).toMatch(/Re-run of S3 · entra\.riskDetections/);
    expect(posted).toMatch(/Failed in \d+ ms: .*500/);
    expect(posted).toMatch(/No comparison: the re-run failed/);
  });

  describe('is refused, with nothing run', () => {
    async function expectNothingRun(run: () => Promise<string>, refusal: RegExp): Promise<void> {
      const requests = await countRequests('identityProtection|auditLogs|/users');
      ward.connector.clear();
      expect(await run()).toMatch(refusal);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(ward.connector.messages()).toHaveLength(0);
      expect(await requests()).toBe(0);
    }

    it('for a forged, malformed or unknown answer id, or a source the answer does not have', async () => {
      const { conversationId, answerId } = await ask('is adele.vance@contoso.com compromised?');
      await expectNothingRun(
        () =>
          clickRerunSource(conversationId, {
            answerId: '00000000-0000-4000-8000-000000000000',
            sourceId: 'S1',
          }),
        /Ward gave no such answer in this conversation\. Nothing was run/,
      );
      await expectNothingRun(
        () => clickRerunSource(conversationId, { answerId: "x' OR 1=1 --", sourceId: 'S1' }),
        /It does not point at a source of an answer Ward gave\. Nothing was run/,
      );
      await expectNothingRun(
        () => clickRerunSource(conversationId, { answerId, sourceId: "S1'; DROP TABLE answers" }),
        /It does not point at a source of an answer Ward gave\. Nothing was run/,
      );
      await expectNothingRun(
        () => clickRerunSource(conversationId, { answerId, sourceId: 'S99' }),
        /This answer has no such source\. Nothing was run/,
      );
      await expectNothingRun(
        () => clickRerunSource(conversationId, {}),
        /It does not point at a source of an answer Ward gave\. Nothing was run/,
      );
    });

    it("for another conversation's answer", async () => {
      const { reruns } = await ask('is adele.vance@contoso.com compromised?');
      await expectNothingRun(
        () => clickRerunSource(`a:1-personal-${ANALYST.aadObjectId}`, reruns[0]!.data),
        /Ward gave no such answer in this conversation\. Nothing was run/,
      );
    });
  });
});

describe('the audit trail', () => {
  it('names the answer that proposed an action and the sources it cited, on the card and in the store', async () => {
    const { conversationId, buttons } = await propose(ward, 'is adele.vance@contoso.com compromised?');
    const revoke = buttons.get('Revoke sessions') ?? '';
    await click(ward, conversationId, revoke, 'confirm');
    expect(await settle(ward, revoke)).toBe('succeeded');
    const linked = await ward.database.query<{ question: string; sources: string }>(
      `SELECT a.question, string_agg(s.plugin || '.' || s.skill, ',' ORDER BY s.source_id) AS sources
       FROM pending_actions p JOIN answers a ON a.id = p.answer_id JOIN answer_sources s ON s.answer_id = a.id
       WHERE p.id = $1 GROUP BY a.question`,
      [revoke],
    );
    expect(linked.rows[0]?.question).toBe('is adele.vance@contoso.com compromised?');
    expect(linked.rows[0]?.sources).toMatch(/entra\.riskDetections/);

    const activity = personalMessage(ward.connector.url, 'audit adele.vance@contoso.com');
    activity.conversation = { id: conversationId, conversationType: 'personal' };
    ward.connector.clear();
    expect((await ward.post(activity)).status).toBe(200);
    const posted = ward.connector.messages(conversationId).filter((sent) => sent.method === 'POST');
    const trail = cardText(cardOf(posted[0] ?? { body: {} }));
    expect(trail).toMatch(/Audit chain verified/);
    expect(trail).toMatch(
      /Proposed by “Adele Vance: High risk — likely compromised” — asked “is adele\.vance@contoso\.com compromised\?” \(rules planner\)/,
    );
    expect(trail).toMatch(
      /Sources: S3 entra\.riskDetections · GET \/v1\.0\/identityProtection\/riskDetections/,
    );
    expect(trail).toMatch(/S4 entra\.signIns · GET \/v1\.0\/auditLogs\/signIns/);
  });
});
