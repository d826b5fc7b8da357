/**
 * Follow-ups over the real Bot Framework wire protocol, with the default rules planner: in a channel thread
 * that was about Adele, "and her sign-ins?" is answered about Adele; the same words in another thread ask which
 * user; the memory is the database's, so it survives a restart of Ward, on PGlite and on a PostgreSQL server.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { type Database, openDatabase, type Transaction } from '../../../src/store/database.js';
import { runMigrations } from '../../../src/store/migrations/run-migrations.js';
import { openPgliteDatabase } from '../../../src/store/pglite-database.js';
import { channelMention } from '../../support/teams-activities.js';
import { randomTestSchema, testDatabaseUrl, withSchemaDroppedOnClose } from '../../support/test-database.js';
import { cardOf, cardText, startWardHarness, type WardHarness } from '../../support/ward-harness.js';

const ADELE_QUESTION = 'is adele.vance@contoso.com compromised?';
const FOLLOW_UP = 'and her sign-ins?';
const WHICH_USER = /Tell me which user/;

let nextRoot = 1_733_000_000_000;
/** A new thread root, so each test asks in threads nobody used before. */
function newThread(): string {
  nextRoot += 1;
  return String(nextRoot);
}

/** Asks in a channel thread and returns the text of the card Ward posted back to that thread. */
async function askInThread(ward: WardHarness, threadRoot: string, question: string): Promise<string> {
  const activity = channelMention(ward.connector.url, question, { threadRoot });
  const conversationId = (activity.conversation as { id: string }).id;
  const before = ward.connector.messages(conversationId).length;
  const response = await ward.post(activity);
  expect(response.status).toBe(200);
  const messages = ward.connector.messages(conversationId);
  expect(messages).toHaveLength(before + 1);
  return cardText(cardOf(messages.at(-1)!));
}

describe('follow-ups in a channel thread', () => {
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

  it('answers "and her sign-ins?" about the user the thread was about', async () => {
    const thread = newThread();
    expect(await askInThread(ward, thread, ADELE_QUESTION)).toMatch(/Adele Vance/);
    const followUp = await askInThread(ward, thread, FOLLOW_UP);
    expect(followUp).toMatch(/Adele Vance/);
    expect(followUp).toMatch(/adele\.vance@contoso\.com/);
    expect(followUp).toMatch(/Recent sign-ins that matter/);
    expect(followUp).not.toMatch(WHICH_USER);
  });

  it('asks which user when the same follow-up comes in another thread', async () => {
    const thread = newThread();
    await askInThread(ward, thread, ADELE_QUESTION);
    const elsewhere = await askInThread(ward, newThread(), FOLLOW_UP);
    expect(elsewhere).toMatch(WHICH_USER);
    expect(elsewhere).not.toMatch(/Adele Vance/);
  });

  it('keeps each thread’s subject to itself, and follows the latest answer in a thread', async () => {
    const aboutAdele = newThread();
    const aboutMegan = newThread();
    await askInThread(ward, aboutAdele, ADELE_QUESTION);
    await askInThread(ward, aboutMegan, 'is megan.bowen@contoso.com compromised?');
    expect(await askInThread(ward, aboutMegan, 'what about her MFA methods?')).toMatch(/Megan Bowen/);
    expect(await askInThread(ward, aboutAdele, FOLLOW_UP)).toMatch(/Adele Vance/);

    await askInThread(ward, aboutAdele, 'what about megan.bowen@contoso.com?');
    const latest = await askInThread(ward, aboutAdele, 'is she at risk?');
    expect(latest).toMatch(/Megan Bowen/);
    expect(latest).not.toMatch(/Adele Vance/);
  });

  it('answers a new list question in the thread with the list, not with the remembered user', async () => {
    const thread = newThread();
    await askInThread(ward, thread, ADELE_QUESTION);
    const list = await askInThread(ward, thread, 'who else is at risk?');
    expect(list).toMatch(/users at risk/);
  });
});

describe('follow-ups with memory turned off (MEMORY_TURNS=0)', () => {
  let ward: WardHarness;
  beforeAll(async () => {
    ward = await startWardHarness({ MEMORY_TURNS: '0' });
  });
  afterAll(async () => {
    await ward?.close();
  });

  it('asks which user, even in the thread that was about her', async () => {
    const thread = newThread();
    await askInThread(ward, thread, ADELE_QUESTION);
    expect(await askInThread(ward, thread, FOLLOW_UP)).toMatch(WHICH_USER);
    const stored = await ward.database.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM conversation_memory',
    );
    expect(stored.rows[0]?.count).toBe(0);
  });
});

/**
 * Opens the same database again after Ward closed it, as a restarted process would: PGlite from the data its
 * engine held when it closed, PostgreSQL by connecting to the same schema.
 */
interface RestartableDatabase {
  open(): Promise<Database>;
  /** Drops what the runs left behind. */
  cleanUp(): Promise<void>;
}

function restartablePglite(): RestartableDatabase {
  let image: Blob | undefined;
  return {
    async open() {
      const template = inject('wardPgliteTemplate');
      const db = await openPgliteDatabase({
        loadDataDir: image ?? (template ? new Blob([await readFile(template)]) : undefined),
      });
      await runMigrations(db);
      return {
        kind: db.kind,
        query: <T>(sql: string, params?: unknown[]) => db.query<T>(sql, params),
        exec: (sql) => db.exec(sql),
        transaction: <T>(fn: (tx: Transaction) => Promise<T>) => db.transaction(fn),
        async close() {
          image = await db.dump();
          await db.close();
        },
      };
    },
    async cleanUp() {
      image = undefined;
    },
  };
}

function restartablePostgres(url: string): RestartableDatabase {
  const schema = randomTestSchema();
  return {
    async open() {
      const db = await openDatabase({ url, schema });
      await runMigrations(db);
      return db;
    },
    async cleanUp() {
      await withSchemaDroppedOnClose(await openDatabase({ url, schema }), schema).close();
    },
  };
}

const databaseUrl = testDatabaseUrl();
const restartables: { kind: Database['kind']; create: () => RestartableDatabase }[] = [
  { kind: 'pglite', create: restartablePglite },
  ...(databaseUrl === undefined
    ? []
    : [{ kind: 'postgres' as const, create: () => restartablePostgres(databaseUrl) }]),
];

describe.each(restartables)('a follow-up after Ward restarts on $kind', ({ create }) => {
  let database: RestartableDatabase | undefined;
  afterAll(async () => {
    await database?.cleanUp();
  });

  it('remembers who the thread was about', async () => {
    const restartable = create();
    database = restartable;
    const thread = newThread();
    const before = await startWardHarness({}, () => restartable.open());
    try {
      expect(await askInThread(before, thread, ADELE_QUESTION)).toMatch(/Adele Vance/);
    } finally {
      await before.close();
    }

    const after = await startWardHarness({}, () => restartable.open());
    try {
      const followUp = await askInThread(after, thread, FOLLOW_UP);
      expect(followUp).toMatch(/Adele Vance/);
      expect(followUp).toMatch(/Recent sign-ins that matter/);
    } finally {
      await after.close();
    }
  });
});
