/**
 * Privacy over the real wire protocol: a question carrying secrets (a password, a token, a connection string,
 * a ServiceNow basic-auth header), answered by a real Ward with its real logger at `trace`, leaves none of
 * them in the log output or in any table; a feedback comment and a forged card verb carrying one neither.
 * With RETENTION_ANSWER_DAYS=0 and RETENTION_FEEDBACK_DAYS=0 Ward still answers, its buttons still work and the
 * card redrawn after a click says the text was not kept, while no word of the question and no comment is
 * stored anywhere: only ids, intent, risk level, targets, timestamps and ratings.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import type { Database } from '../../../src/store/database.js';
import { click, propose, settle } from '../../support/action-clicks.js';
import { cardAction, channelMention } from '../../support/teams-activities.js';
import {
  cardOf,
  cardText,
  executeActions,
  startWardHarness,
  type WardHarness,
} from '../../support/ward-harness.js';

const ADELE = 'adele.vance@contoso.com';
const PASSWORD = 'Spring2026!x';
const JWT =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1cG4iOiJhZGVsZS52YW5jZUBjb250b3NvLmNvbSIsImFwcGlkIjoiMDAwMDAwMDMifQ.Q2FwdHVyZWRUb2tlblNpZ25hdHVyZUZvclRlc3Rz';
const ACCOUNT_KEY =
  'q3Vx9Lk2Rt8Wm4Zp7Nc1Bf6Hd0Js5Ga3Ye8Ui2Oo4Pa7Sk1Dl9Fj6Gh3Kz5Xc0Vb8Nm2Qw4Er7Ty1Ui6Op9As3Df==';
const BASIC = 'd2FyZC1pbnRlZ3JhdGlvbjpUcTQkd0xtOFp4MiE=';
const COMMENT_SECRET = 'Xk4#Lp9Qr2Wt7Zm1Nc8V';
const VERB_SECRET = 'Vx7kQ2mZp9Tq4';
const SECRETS = [PASSWORD, JWT, JWT.split('.')[2]!, ACCOUNT_KEY, BASIC, COMMENT_SECRET, VERB_SECRET];

const QUESTION =
  `is ${ADELE} compromised? She pasted this into a chat: password=${PASSWORD} and ` +
  `Authorization: Bearer ${JWT} and DefaultEndpointsProtocol=https;AccountName=contosobackups;AccountKey=${ACCOUNT_KEY}; ` +
  `and the ServiceNow header Authorization: Basic ${BASIC}`;

/** A log destination that keeps every line. */
function logCapture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, log: createLogger('trace', stream) };
}

/** Every row of every table Ward writes people's and tenants' text to, as JSON text. */
async function storedText(db: Database): Promise<string> {
  const tables = [
    'answers',
    'answer_sources',
    'pending_actions',
    'feedback',
    'labelled_cases',
    'conversation_memory',
    'audit_log',
  ];
  const dumps: string[] = [];
  for (const table of tables) {
    const rows = await db.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM ${table} t`);
    dumps.push(...rows.rows.map((row) => row.row));
  }
  return dumps.join('\n');
}

describe('secrets in a question', () => {
  let ward: WardHarness;
  const capture = logCapture();

  beforeAll(async () => {
    ward = await startWardHarness({}, undefined, { log: capture.log });
  });
  afterAll(async () => {
    await ward?.close();
  });

  it('are answered, and reach neither the log nor any table', async () => {
    const activity = channelMention(ward.connector.url, QUESTION, { threadRoot: '1732000009001' });
    expect((await ward.post(activity)).status).toBe(200);
    const conversationId = (activity.conversation as { id: string }).id;
    const card = cardOf(ward.connector.messages(conversationId)[0] ?? { body: {} });
    expect(cardText(card)).toMatch(/Adele Vance/);

    // Feedback with a secret in its comment, and a forged card verb carrying one (Ward logs unknown verbs).
    const answerId = String(
      executeActions(card).find((action) => action.verb === 'ward.feedback')?.data.answerId ?? '',
    );
    const feedback = await ward.post(
      cardAction(ward.connector.url, conversationId, 'ward.feedback', {
        answerId,
        rating: 'needs-improvement',
        needsImprovementReason: 'wrong-data',
        needsImprovementComment: `wrong: she never typed pwd=${COMMENT_SECRET} anywhere`,
      }),
    );
    expect(feedback.status).toBe(200);
    const forged = await ward.post(
      cardAction(ward.connector.url, conversationId, `ward.steal password=${VERB_SECRET}`, {}),
    );
    expect(forged.status).toBe(200);

    const log = capture.lines.join('');
    expect(log).toMatch(/"msg":"answered"/);
    expect(log).toMatch(/"msg":"unknown card verb"/);
    expect(log).toContain('password=[redacted]');
    for (const line of capture.lines) expect(() => JSON.parse(line)).not.toThrow();
    for (const secret of SECRETS) expect(log).not.toContain(secret);

    const stored = await storedText(ward.database);
    expect(stored).toContain(ADELE);
    expect(stored).toContain('[redacted');
    for (const secret of SECRETS) expect(stored).not.toContain(secret);
    const comment = await ward.database.query<{ comment: string }>(
      'SELECT comment FROM feedback WHERE answer_id = $1',
      [answerId],
    );
    expect(comment.rows[0]?.comment).toBe('wrong: she never typed pwd=[redacted] anywhere');
  });
});

describe('with RETENTION_ANSWER_DAYS=0 and RETENTION_FEEDBACK_DAYS=0', () => {
  let ward: WardHarness;
  const MARKER = 'Kwyjibo7731';

  beforeAll(async () => {
    ward = await startWardHarness({ RETENTION_ANSWER_DAYS: '0', RETENTION_FEEDBACK_DAYS: '0' });
  });
  afterAll(async () => {
    await ward?.close();
  });

  it('answers in full, stores no text, and redraws the card after a click as "text not kept"', async () => {
    const { conversationId, buttons } = await propose(ward, `is ${ADELE} compromised? my note ${MARKER}`);
    const ticket = buttons.get('Open ticket') ?? '';
    expect(ticket).not.toBe('');
    const first = cardText(cardOf(ward.connector.messages(conversationId)[0] ?? { body: {} }));
    expect(first).toMatch(/Adele Vance/);
    expect(first).toMatch(/Atypical travel/);

    const stored = await ward.database.query<{
      question: string;
      intent: string;
      text_removed_at: Date | null;
      answer: {
        title: string;
        riskLevel: string;
        findings: unknown[];
        proposedActions: { target: { kind: string; displayName?: string } }[];
      };
    }>('SELECT question, intent, text_removed_at, answer FROM answers');
    expect(stored.rows).toHaveLength(1);
    const row = stored.rows[0]!;
    expect(row).toMatchObject({ question: '', intent: 'user-risk' });
    expect(row.text_removed_at).toBeInstanceOf(Date);
    expect(row.answer.title).toBe('Answer text not kept');
    expect(row.answer.riskLevel).toBe('high');
    expect(row.answer.findings).toEqual([]);
    // The targets stay: they are what the buttons act on.
    expect(row.answer.proposedActions.length).toBeGreaterThanOrEqual(4);
    for (const proposal of row.answer.proposedActions) {
      expect(proposal.target).toMatchObject({ kind: 'user', displayName: expect.stringContaining(ADELE) });
    }
    expect(await ward.database.query('SELECT 1 FROM answer_sources')).toMatchObject({ rowCount: 0 });

    // The button still runs, and the card redrawn for the click says why its text is gone.
    const redrawn = await click(ward, conversationId, ticket);
    expect(redrawn).toMatch(/Answer text not kept/);
    expect(redrawn).toMatch(/RETENTION\\?_ANSWER\\?_DAYS=0/);
    expect(redrawn).toMatch(/Working: started by Patti Fernandez/);
    expect(await settle(ward, ticket)).toBe('succeeded');

    // A rating is kept without its comment.
    const answerId = (await ward.database.query<{ id: string }>('SELECT id FROM answers')).rows[0]!.id;
    const rated = await ward.post(
      cardAction(ward.connector.url, conversationId, 'ward.feedback', {
        answerId,
        rating: 'needs-improvement',
        needsImprovementReason: 'wrong-conclusion',
        needsImprovementComment: `not her, see ${MARKER}`,
      }),
    );
    expect(cardText((rated.body as { value: unknown }).value)).toMatch(/Answer text not kept/);
    const feedback = await ward.database.query('SELECT rating, reason, comment FROM feedback');
    expect(feedback.rows).toEqual([
      { rating: 'needs-improvement', reason: 'wrong-conclusion', comment: null },
    ]);

    // No word of the question or the comment anywhere.
    expect(await storedText(ward.database)).not.toContain(MARKER);
  });
});
