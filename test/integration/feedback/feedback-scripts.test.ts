/**
 * `npm run eval:feedback` and `npm run feedback:export` as real processes on a PGlite data folder that a real
 * Ward filled over the wire protocol: answers from the demo tenant (with their source snapshots), negative
 * feedback from the card, a thumbs down, and a risk dismissed as a false positive. While Ward holds the
 * folder both commands refuse with a clear sentence; once it stopped, eval:feedback writes one case file per
 * answer and replays each through the current rules planner — one case passes (the recorded answer came from
 * an older, wrong planner: the current one reaches another risk level), one still fails (the current planner
 * still proposes containment for the user whose risk was dismissed) — and the export writes CSV and JSONL.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { feedbackCaseSchema } from '../../../src/core/feedback/feedback-case.js';
import { openDatabase } from '../../../src/store/database.js';
import { runMigrations } from '../../../src/store/migrations/run-migrations.js';
import { openPgliteDatabase } from '../../../src/store/pglite-database.js';
import { click, propose, settle } from '../../support/action-clicks.js';
import { ANALYST, cardAction, groupChatMessage } from '../../support/teams-activities.js';
import { cardOf, executeActions, startWardHarness, type WardHarness } from '../../support/ward-harness.js';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const LEE = { id: '29:1-lee', name: 'Lee Gu', aadObjectId: 'c0b7a4a8-0000-4000-8000-00000000a1ee' };

/** Runs a script as `npm run` would, with exactly `env` (plus PATH). */
function run(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, script), ...args], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let parent: string;
let dataDir: string;
let casesDir: string;
let ward: WardHarness | undefined;
const answers: { older: string; dismissed: string; thumbs: string } = {
  older: '',
  dismissed: '',
  thumbs: '',
};

async function askInGroupChat(question: string) {
  const conversationId = `19:eval-${randomUUID()}@thread.v2`;
  const activity = groupChatMessage(ward!.connector.url, question);
  activity.conversation = { id: conversationId, conversationType: 'groupChat', isGroup: true };
  expect((await ward!.post(activity)).status).toBe(200);
  const message = ward!.connector.messages(conversationId).find((sent) => cardOf(sent) !== undefined);
  const answerId = String(
    executeActions(cardOf(message!)).find((action) => action.verb === 'ward.feedback')?.data.answerId,
  );
  return { conversationId, answerId, messageId: message?.responseId };
}

beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), 'ward-feedback-scripts-'));
  dataDir = join(parent, 'data');
  casesDir = join(parent, 'cases');
  const seeded = await openPgliteDatabase({
    dataDir,
    loadDataDir: new Blob([await readFile(inject('wardPgliteTemplate'))]),
  });
  await runMigrations(seeded);
  await seeded.close();
  ward = await startWardHarness({}, () => openDatabase({ dataDir }));

  // 1. An answer an older planner got wrong: stored as "low risk", rated "wrong conclusion" by an analyst.
  const older = await askInGroupChat('is adele.vance@contoso.com compromised?');
  answers.older = older.answerId;
  await ward.database.query(
    `UPDATE answers SET answer = jsonb_set(answer, '{riskLevel}', '"low"') WHERE id = $1`,
    [older.answerId],
  );
  const rated = await ward.post(
    cardAction(ward.connector.url, older.conversationId, 'ward.feedback', {
      answerId: older.answerId,
      rating: 'needs-improvement',
      needsImprovementReason: 'wrong-conclusion',
      needsImprovementComment: '=HYPERLINK("https://evil.example","she is compromised")',
    }),
  );
  expect(rated.status).toBe(200);

  // 2. A risk dismissed as a false positive, on an answer that proposed containment.
  const proposed = await propose(ward, 'investigate megan.bowen@contoso.com');
  const dismiss = proposed.buttons.get('Dismiss risk') ?? '';
  await click(ward, proposed.conversationId, dismiss);
  await ward.post(
    cardAction(ward.connector.url, proposed.conversationId, 'ward.action', {
      actionId: dismiss,
      step: 'confirm',
      reason: 'falsePositive',
    }),
  );
  expect(await settle(ward, dismiss)).toBe('succeeded');
  const pending = await ward.database.query<{ answer_id: string }>(
    'SELECT answer_id FROM pending_actions WHERE id = $1',
    [dismiss],
  );
  answers.dismissed = pending.rows[0]!.answer_id;
  // The labelled case is recorded as the action finishes, just after its state is.
  for (let attempt = 0; attempt < 100; attempt++) {
    const cases = await ward.database.query('SELECT 1 FROM labelled_cases WHERE answer_id = $1', [
      answers.dismissed,
    ]);
    if (cases.rowCount === 1) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  // 3. A thumbs down with text, and a thumbs up from someone else on the same answer.
  const thumbs = await askInGroupChat('show risky users');
  answers.thumbs = thumbs.answerId;
  for (const [reaction, from, feedback] of [
    ['dislike', ANALYST, JSON.stringify({ feedbackText: 'Too long, "and" missing MFA, details' })],
    ['like', LEE, undefined],
  ] as const) {
    const response = await ward.post({
      type: 'invoke',
      name: 'message/submitAction',
      channelId: 'msteams',
      serviceUrl: ward.connector.url,
      from,
      recipient: { id: '28:ward-test-bot', name: 'Ward' },
      conversation: { id: thumbs.conversationId, conversationType: 'groupChat', isGroup: true },
      replyToId: thumbs.messageId,
      value: { actionName: 'feedback', actionValue: { reaction, feedback } },
    });
    expect(response.status).toBe(200);
  }
}, 120_000);

afterAll(async () => {
  await ward?.close();
  await rm(parent, { recursive: true, force: true });
});

describe('while Ward holds the PGlite folder', () => {
  it('both commands refuse in one clear sentence and exit 1', async () => {
    const evaluation = await run('scripts/eval-feedback.ts', ['--dir', casesDir], { DATA_DIR: dataDir });
    expect(evaluation.code).toBe(1);
    expect(evaluation.stderr).toContain(
      `Ward is running on DATA_DIR ${dataDir}, and PGlite lets only one process use a data folder. Stop Ward and run npm run eval:feedback again`,
    );
    const exported = await run('scripts/feedback-export.ts', [], { DATA_DIR: dataDir });
    expect(exported.code).toBe(1);
    expect(exported.stderr).toContain(`Ward is running on DATA_DIR ${dataDir}`);
    expect(exported.stdout).toBe('');
  }, 60_000);
});

/** Stops Ward, releasing the folder (the commands below run as if Ward were stopped for maintenance). */
async function stopWard() {
  await ward?.close();
  ward = undefined;
}

describe('npm run eval:feedback', () => {
  beforeAll(stopWard);
  it('writes one case per answer with its snapshot, and reports the case that passes and the one that still fails', async () => {
    const result = await run('scripts/eval-feedback.ts', ['--dir', casesDir], { DATA_DIR: dataDir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const files = (await readdir(casesDir)).sort();
    expect(files).toEqual(
      [answers.older, answers.dismissed, answers.thumbs].map((answerId) => `${answerId}.json`).sort(),
    );

    const older = feedbackCaseSchema.parse(
      JSON.parse(await readFile(join(casesDir, `${answers.older}.json`), 'utf8')),
    );
    expect(older).toMatchObject({
      question: 'is adele.vance@contoso.com compromised?',
      recorded: { riskLevel: 'low' },
      labels: [{ kind: 'negative-feedback', label: { reason: 'wrong-conclusion' } }],
      expected: { riskLevelNotIn: ['low'] },
    });
    expect(older.snapshot?.map((call) => `${call.plugin}.${call.skill}`)).toEqual(
      expect.arrayContaining(['entra.user', 'entra.riskyUser', 'entra.signIns']),
    );
    const dismissed = feedbackCaseSchema.parse(
      JSON.parse(await readFile(join(casesDir, `${answers.dismissed}.json`), 'utf8')),
    );
    expect(dismissed.labels).toMatchObject([{ kind: 'dismissed-false-positive' }]);
    expect(dismissed.expected).toMatchObject({ riskLevelNotIn: ['high', 'critical'] });

    const output = result.stdout;
    expect(output).toContain(`wrote ${answers.older}.json (1 label)`);
    expect(output).toMatch(
      new RegExp(
        `PASS  ${answers.older}\\.json  "is adele\\.vance@contoso\\.com compromised\\?" \\(negative-feedback\\)`,
      ),
    );
    expect(output).toMatch(
      new RegExp(`FAIL  ${answers.dismissed}\\.json  "investigate megan\\.bowen@contoso\\.com"`),
    );
    expect(output).toMatch(
      /- proposes entra\.resetPassword, entra\.revokeSessions, entra\.confirmCompromised for Megan Bowen/,
    );
    // The thumbs down without a reason expects a different answer; the same snapshot gives the same one.
    expect(output).toMatch(new RegExp(`FAIL  ${answers.thumbs}\\.json  "show risky users"`));
    expect(output).toMatch(/- gives the recorded answer again/);
    expect(output).toContain('3 cases: 1 pass (learned), 2 still fail.');
    expect(output).not.toContain('not in the snapshot');
  }, 60_000);

  it('writes nothing new the second time, exits 1 with --strict, and uses an admin’s expect block instead of Ward’s', async () => {
    const again = await run('scripts/eval-feedback.ts', ['--dir', casesDir, '--strict'], {
      DATA_DIR: dataDir,
    });
    expect(again.stdout).toContain('no new labelled cases');
    expect(again.code).toBe(1);

    // An admin decides the thumbs-down case is about the summary, and that Megan's medium rating is right.
    for (const [answerId, expect_] of [
      [answers.thumbs, { riskLevelIn: ['high'] }],
      [answers.dismissed, { riskLevelIn: ['medium'], note: 'containment stays: reviewed by the SOC lead' }],
    ] as const) {
      const file = join(casesDir, `${answerId}.json`);
      const edited = { ...JSON.parse(await readFile(file, 'utf8')), expect: expect_ };
      await writeFile(file, JSON.stringify(edited, null, 2));
    }
    const replayOnly = await run(
      'scripts/eval-feedback.ts',
      ['--dir', casesDir, '--replay-only', '--strict'],
      {
        DATA_DIR: join(parent, 'no-such-folder'),
      },
    );
    expect(replayOnly.code).toBe(0);
    expect(replayOnly.stdout).toContain('3 cases: 3 pass (learned), 0 still fail.');
    expect(replayOnly.stdout).toContain('admin expectation');

    const json = await run('scripts/eval-feedback.ts', ['--dir', casesDir, '--replay-only', '--json'], {});
    const parsed = JSON.parse(json.stdout) as { answerId: string; passed: boolean }[];
    expect(parsed.map((entry) => entry.passed)).toEqual([true, true, true]);
  }, 60_000);
});

describe('npm run feedback:export', () => {
  beforeAll(stopWard);
  it('writes every rating with its answer as JSONL to a file and as CSV to standard output', async () => {
    const out = join(parent, 'feedback.jsonl');
    const jsonl = await run('scripts/feedback-export.ts', ['--format', 'jsonl', '--out', out], {
      DATA_DIR: dataDir,
    });
    expect(jsonl.code).toBe(0);
    expect(jsonl.stderr).toBe(`feedback:export: 3 ratings written as JSONL to ${out}\n`);
    const records = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toHaveLength(3);
    expect(records[0]).toMatchObject({
      answerId: answers.older,
      rating: 'needs-improvement',
      reason: 'wrong-conclusion',
      channel: 'card',
      comment: '=HYPERLINK("https://evil.example","she is compromised")',
      question: 'is adele.vance@contoso.com compromised?',
      intent: 'user-risk',
      planner: 'rules',
      riskLevel: 'low',
      citedPlugins: ['entra'],
      pluginVersions: ['entra@0.1.0'],
    });
    expect(records.slice(1).map((record) => [record.rating, record.channel, record.comment])).toEqual([
      ['needs-improvement', 'teams-thumbs', 'Too long, "and" missing MFA, details'],
      ['looks-right', 'teams-thumbs', null],
    ]);
    expect(records.some((record) => 'userName' in record || 'userId' in record)).toBe(false);

    const csv = await run('scripts/feedback-export.ts', [], { DATA_DIR: dataDir });
    expect(csv.code).toBe(0);
    const lines = csv.stdout.split('\r\n');
    expect(lines[0]).toBe(
      'feedbackId,answerId,ratedAt,firstRatedAt,channel,rating,reason,comment,question,intent,planner,answerTitle,riskLevel,answeredAt,citedPlugins,pluginVersions',
    );
    expect(lines).toHaveLength(5); // header, three ratings, and the empty string after the last line break
    // A formula is neutralised for spreadsheets; quotes and commas are quoted as RFC 4180 says.
    expect(lines[1]).toContain(`,"'=HYPERLINK(""https://evil.example"",""she is compromised"")",`);
    expect(lines[2]).toContain(',"Too long, ""and"" missing MFA, details",');

    const bad = await run('scripts/feedback-export.ts', ['--format', 'xml'], { DATA_DIR: dataDir });
    expect(bad).toMatchObject({
      code: 1,
      stderr: 'feedback:export: --format must be csv or jsonl (got "xml")\n',
    });
  }, 60_000);
});
