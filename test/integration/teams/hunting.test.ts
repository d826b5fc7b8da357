/**
 * Hunting over the real wire protocol, on the demo tenant: Defender XDR advanced hunting when the question
 * names it (the query validated against the advanced hunting schema, sent to Graph's `runHuntingQuery`, the
 * rows summarised), Sentinel otherwise; and "Run again" on a hunt's card, which asks the stored question again
 * as a new turn and posts a fresh answer, while a forged or unknown answer id, another conversation's answer
 * and an answer that is not a hunt are refused with nothing run. Throttling and failures of advanced hunting
 * become cited partial answers that can be run again.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SENTINEL_WORKSPACE_SCHEMA } from '../../../src/clients/kql/kql-workspace-schema.js';
import { validateKql } from '../../../src/clients/kql/parse-kql.js';
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
  // One retry: throttling fails within seconds with Graph's own status instead of using the whole deadline.
  ward = await startWardHarness({ SOURCE_MAX_RETRIES: '1' });
  // The Kusto parser loads on first use (~1 s of blocked event loop, more on a busy CI machine): pay it here,
  // not inside the first test's Graph call, whose timeout it would eat.
  validateKql('SigninLogs | take 1', SENTINEL_WORKSPACE_SCHEMA);
});
afterAll(async () => {
  await ward?.close();
});
beforeEach(async () => {
  ward.connector.clear();
  await fetch(`${ward.demoTenantUrl}/_demo/faults`, { method: 'DELETE' });
});

interface Asked {
  conversationId: string;
  card: Record<string, unknown>;
  text: string;
  answerId: string;
  rerun?: { title: string; verb: string; data: Record<string, unknown> };
}

/** Asks in a new channel thread; returns the one card Ward posted, its answer id and its "Run again" button. */
async function ask(question: string): Promise<Asked> {
  const root = `${Date.now()}-${Math.random()}`;
  const conversationId = `${CHANNEL_ID};messageid=${root}`;
  expect((await ward.post(channelMention(ward.connector.url, question, { threadRoot: root }))).status).toBe(
    200,
  );
  const replies = ward.connector.messages(conversationId);
  expect(replies).toHaveLength(1);
  const card = cardOf(replies[0] ?? { body: {} });
  expect(card).toBeDefined();
  const actions = executeActions(card);
  return {
    conversationId,
    card: card!,
    text: cardText(card),
    answerId: String(actions.find((action) => action.verb === 'ward.feedback')?.data.answerId),
    rerun: actions.find((action) => action.verb === 'ward.rerun'),
  };
}

/** Clicks "Run again" (or forges the click) in `conversationId`; returns the invoke's card text. */
async function clickRerun(conversationId: string, data: Record<string, unknown>): Promise<string> {
  const response = await ward.post(cardAction(ward.connector.url, conversationId, 'ward.rerun', data));
  expect(response.status).toBe(200);
  const body = response.body as { statusCode: number; type: string; value: unknown };
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  return cardText(body.value);
}

/** The new answer card "Run again" posts in `conversationId` once the hunt has run (it follows the invoke). */
async function rerunReply(conversationId: string) {
  await expect.poll(() => ward.connector.messages(conversationId).length, { timeout: 10_000 }).toBe(1);
  return ward.connector.messages(conversationId)[0]!;
}

async function storedAnswers(): Promise<number> {
  const result = await ward.database.query<{ count: string }>('SELECT count(*) AS count FROM answers');
  return Number(result.rows[0]?.count);
}

/** Counts the demo tenant's query requests (advanced hunting and Log Analytics) through a no-op fault rule. */
async function countQueries(): Promise<() => Promise<number>> {
  await addDemoFault(ward.demoTenantUrl, { path: 'runHuntingQuery|/workspaces/[^/]+/query', delayMs: 0 });
  return async () => {
    const listed = (await (await fetch(`${ward.demoTenantUrl}/_demo/faults`)).json()) as {
      value: { applied: number }[];
    };
    return listed.value.reduce((sum, rule) => sum + rule.applied, 0);
  };
}

describe('advanced hunting in Defender XDR', () => {
  it('"advanced hunting for encoded powershell on devices last 7 days" runs the validated query in Defender XDR and says what the command does', async () => {
    const { text, rerun, answerId } = await ask(
      'advanced hunting for encoded powershell on devices last 7 days',
    );
    expect(text).toMatch(/Encoded PowerShell \(Defender XDR\): 1 row/);
    expect(text).toMatch(/High risk/);
    // The query: Defender's schema, with Timestamp (advanced hunting has no TimeGenerated).
    expect(text).toMatch(/KQL \(validated against the advanced hunting schema\)/);
    expect(text).toMatch(/DeviceProcessEvents\s*\\?\|\s*where Timestamp > ago\(7d\)/);
    expect(text).toMatch(/Microsoft Defender XDR advanced hunting/);
    // The summary: devices, accounts, and what the decoded command does, rated by script analysis.
    expect(text).toMatch(/on 1 device \(desktop-adele01\) by 1 account \(adele\.vance@contoso\.com\)/);
    expect(text).toMatch(/downloads content from the internet/);
    expect(text).toMatch(/hxxps:\/\/msft-update-cdn\.example\/wupd\.ps1/);
    expect(text).toMatch(/script analysis rates it malicious/);
    expect(text).toMatch(/Encoded PowerShell on desktop-adele01 by adele\.vance@contoso\.com/);
    // Cited: the finding and the tables name S1, which is the advanced hunting call.
    expect(text).toMatch(/\[S1\]/);
    expect(text).toMatch(/defender-xdr\.advancedHunting · POST \/v1\.0\/security\/runHuntingQuery \(P7D\)/);
    expect(text).not.toMatch(/Partial answer/);
    expect(rerun).toMatchObject({ title: 'Run again', data: { answerId } });
  });

  it('runs the analyst’s own advanced hunting query and reports its most frequent values', async () => {
    const { text } = await ask(
      'defender kql: IdentityLogonEvents | where ActionType == "LogonFailed" and IPAddress == "192.0.2.45" | project Timestamp, AccountUpn, IPAddress, Application',
    );
    expect(text).toMatch(/Your advanced hunting query: \d+ rows/);
    expect(text).toMatch(/Most frequent: /);
    expect(text).toMatch(/IPAddress 192\\?\.0\.2\.45/);
  });

  it('finds the password spray among failed logons by address in Defender XDR', async () => {
    const { text } = await ask('advanced hunting for failed sign-ins by IP this week');
    expect(text).toMatch(/Failed sign-ins by IP \(Defender XDR\): \d+ rows/);
    expect(text).toMatch(/IdentityLogonEvents/);
    expect(text).toMatch(/Password spray from 192\\?\.0\.2\.45/);
  });

  it('refuses a query that does not fit the advanced hunting schema and sends nothing', async () => {
    const queries = await countQueries();
    const { text, rerun } = await ask(
      'hunt in defender: DeviceProcessEvents | where TimeGenerated > ago(1d)',
    );
    expect(text).toMatch(/Your advanced hunting query: query refused/);
    expect(text).toMatch(/advanced hunting schema/);
    expect(text).toMatch(/TimeGenerated/);
    expect(text).toMatch(/KS142/);
    expect(text).toMatch(/Nothing was run/);
    expect(rerun).toBeUndefined();
    expect(await queries()).toBe(0);
    // The counter does count: a valid query is sent once.
    await ask('defender kql: DeviceInfo | take 1');
    expect(await queries()).toBe(1);
  });

  it('says when the demo tenant does not support a valid query, in its own words', async () => {
    const { text, rerun } = await ask('defender kql: DeviceProcessEvents | join DeviceInfo on DeviceId');
    expect(text).toMatch(/query refused/);
    expect(text).toMatch(/not supported by the demo tenant/);
    expect(rerun).toBeUndefined();
  });

  it.each([
    [429, /throttling requests \(429\)/],
    [500, /failed \(500\)/],
  ])(
    'answers a cited partial answer when advanced hunting fails with %i, and offers to run it again',
    async (status, reason) => {
      await addDemoFault(ward.demoTenantUrl, {
        path: 'security/runHuntingQuery',
        status,
        times: 10,
        ...(status === 429 ? { retryAfterSeconds: 0 } : {}),
      });
      const { text, rerun } = await ask('advanced hunting for encoded powershell last 7 days');
      expect(text).toMatch(/Encoded PowerShell \(Defender XDR\): Defender XDR advanced hunting unavailable/);
      expect(text).toMatch(/Partial answer: one source could not be reached/);
      expect(text).toMatch(/Advanced hunting \(Microsoft Defender XDR\) unavailable/);
      expect(text).toMatch(reason);
      expect(text).toMatch(/S1 · Microsoft Defender XDR · defender-xdr\.advancedHunting/);
      expect(rerun?.title).toBe('Run again');
    },
  );
});

describe('Run again', () => {
  it('asks the stored question again as a new turn and posts a fresh answer card', async () => {
    const first = await ask('find failed sign-ins by IP this week');
    expect(first.text).toMatch(/Failed sign-ins by IP: \d+ rows/);
    expect(first.text).toMatch(/Password spray from 192\\?\.0\.2\.45/);
    expect(first.rerun).toBeDefined();
    ward.connector.clear();
    const before = await storedAnswers();

    const clicked = await clickRerun(first.conversationId, first.rerun!.data);
    // The clicker keeps the card they clicked (old rows, for comparison) with a note; the new one follows.
    expect(clicked).toMatch(/Running again for .*: the new answer will appear below/);
    expect(clicked).toMatch(/Failed sign-ins by IP: \d+ rows/);

    const card = cardOf(await rerunReply(first.conversationId));
    const again = executeActions(card);
    const newId = again.find((action) => action.verb === 'ward.feedback')?.data.answerId;
    expect(newId).toBeDefined();
    expect(newId).not.toBe(first.answerId);
    expect(cardText(card)).toMatch(/Failed sign-ins by IP: \d+ rows/);
    expect(again.find((action) => action.verb === 'ward.rerun')?.data).toEqual({ answerId: newId });
    expect(await storedAnswers()).toBe(before + 1);
    const stored = await ward.database.query<{ question: string; user_aad_object_id: string }>(
      'SELECT question, user_aad_object_id FROM answers WHERE id = $1',
      [newId],
    );
    expect(stored.rows[0]).toEqual({
      question: 'find failed sign-ins by IP this week',
      user_aad_object_id: ANALYST.aadObjectId,
    });
  });

  it('runs an advanced hunting answer again', async () => {
    const first = await ask('advanced hunting for encoded powershell on devices last 7 days');
    ward.connector.clear();
    expect(await clickRerun(first.conversationId, first.rerun!.data)).toMatch(/Running again/);
    const text = cardText(cardOf(await rerunReply(first.conversationId)));
    expect(text).toMatch(/Encoded PowerShell \(Defender XDR\): 1 row/);
    expect(text).toMatch(/script analysis rates it malicious/);
  });

  it('runs a query longer than an "ask" button could carry, whole', async () => {
    const conditions = Array.from(
      { length: 40 },
      (_, index) => `| where UserPrincipalName != "nobody-${index}@contoso.com"`,
    ).join(' ');
    const question = `kql: SigninLogs ${conditions} | where UserPrincipalName == "adele.vance@contoso.com" | take 2`;
    expect(question.length).toBeGreaterThan(1_000);
    const first = await ask(question);
    expect(first.text).toMatch(/Your query: 2 rows/);
    ward.connector.clear();
    expect(await clickRerun(first.conversationId, first.rerun!.data)).toMatch(/Running again/);
    expect(cardText(cardOf(await rerunReply(first.conversationId)))).toMatch(/Your query: 2 rows/);
  });

  describe('is refused, with nothing run', () => {
    async function expectNothingRun(run: () => Promise<string>, refusal: RegExp): Promise<void> {
      const queries = await countQueries();
      const before = await storedAnswers();
      ward.connector.clear();
      expect(await run()).toMatch(refusal);
      expect(ward.connector.messages()).toHaveLength(0);
      expect(await storedAnswers()).toBe(before);
      expect(await queries()).toBe(0);
    }

    it('for a forged or unknown answer id', async () => {
      const { conversationId } = await ask('hunt for encoded powershell in the last 7 days');
      await expectNothingRun(
        () => clickRerun(conversationId, { answerId: '00000000-0000-4000-8000-000000000000' }),
        /Ward gave no such answer in this conversation\. Nothing was run/,
      );
      await expectNothingRun(
        () => clickRerun(conversationId, { answerId: "x' OR 1=1 --" }),
        /It does not point at an answer Ward gave\. Nothing was run/,
      );
      await expectNothingRun(
        () => clickRerun(conversationId, {}),
        /It does not point at an answer Ward gave\. Nothing was run/,
      );
    });

    it("for another conversation's answer", async () => {
      const { rerun } = await ask('hunt for encoded powershell in the last 7 days');
      await expectNothingRun(
        () => clickRerun(`a:1-personal-${ANALYST.aadObjectId}`, rerun!.data),
        /Ward gave no such answer in this conversation\. Nothing was run/,
      );
    });

    it('for an answer that is not a hunt', async () => {
      const conversationId = `a:1-personal-${ANALYST.aadObjectId}`;
      expect((await ward.post(personalMessage(ward.connector.url, 'show risky users'))).status).toBe(200);
      const card = cardOf(ward.connector.messages(conversationId).at(-1)!);
      const actions = executeActions(card);
      expect(actions.some((action) => action.verb === 'ward.rerun')).toBe(false);
      const answerId = actions.find((action) => action.verb === 'ward.feedback')?.data.answerId;
      await expectNothingRun(
        () => clickRerun(conversationId, { answerId }),
        /This answer cannot be run again/,
      );
    });
  });
});
