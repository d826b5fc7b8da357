/**
 * Starts a real Ward for wire-protocol tests: demo tenant on an ephemeral port, the test PGlite, the HTTP
 * server on an ephemeral port, and a connector server as the activities' `serviceUrl`. Nothing is mocked.
 * The demo tenant's Identity Protection throttle (one request a second, like the real service) is turned off
 * unless `options.identityProtectionThrottle` keeps it: these tests ask many questions a second and are not
 * about throttling (a test that is can turn it on through `PUT /_demo/throttle`).
 */
import { type Logger, pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/store/database.js';
import { startWard } from '../../src/ward.js';
import { type ConnectorServer, startConnectorServer } from './connector-server.js';
import { createTestDatabase } from './test-database.js';

export interface WardHarness {
  url: string;
  demoTenantUrl: string;
  connector: ConnectorServer;
  database: Database;
  /** POSTs an activity (or any body) to /api/messages. */
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export async function startWardHarness(
  environment: Record<string, string> = {},
  openDatabase: () => Promise<Database> = createTestDatabase,
  options: { identityProtectionThrottle?: boolean; log?: Logger } = {},
): Promise<WardHarness> {
  const database = await openDatabase();
  const connector = await startConnectorServer();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    PLAYGROUND: '0',
    TENANT_MODE: 'demo',
    LOG_LEVEL: 'silent',
    // The repository's custom plugins validate their KQL at start (the Kusto parser: ~1 s, ~120 MB): only the
    // tests about them load them (`CUSTOM_PLUGINS_DIR: 'plugins/custom'`); a missing folder is no plugins.
    CUSTOM_PLUGINS_DIR: 'test/fixtures/no-custom-plugins',
    ...environment,
  });
  const ward = await startWard({
    config,
    log: options.log ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    database,
  }).catch(async (error: unknown) => {
    // A start that fails (a test of bad settings) must not leave the database or connector open.
    await connector.close();
    await database.close();
    throw error;
  });
  if (ward.demoTenantUrl !== undefined && options.identityProtectionThrottle !== true) {
    const response = await fetch(`${ward.demoTenantUrl}/_demo/throttle`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identityProtection: false }),
    });
    if (!response.ok) {
      await ward.close();
      throw new Error(
        `could not turn the demo tenant's throttle off: ${response.status} ${await response.text()}`,
      );
    }
  }
  return {
    url: ward.url,
    demoTenantUrl: ward.demoTenantUrl ?? '',
    connector,
    database,
    async post(body, headers = {}) {
      const response = await fetch(`${ward.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // keep the text
      }
      return { status: response.status, body: parsed };
    },
    async close() {
      await ward.close();
      await connector.close();
      await database.close();
    },
  };
}

/** The Adaptive Card in a sent activity, if it carries one. */
export function cardOf(activity: { body: Record<string, unknown> }): Record<string, unknown> | undefined {
  const attachments = activity.body.attachments as
    | { contentType: string; content: Record<string, unknown> }[]
    | undefined;
  return attachments?.find(
    (attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive',
  )?.content;
}

/** Every Action.Execute in a card (body ActionSets, actions, ShowCards), flattened. */
export function executeActions(
  card: unknown,
): { title: string; verb: string; data: Record<string, unknown>; style?: string }[] {
  const found: { title: string; verb: string; data: Record<string, unknown>; style?: string }[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute') {
        found.push({
          title: String(record.title),
          verb: String(record.verb),
          data: (record.data ?? {}) as Record<string, unknown>,
          style: record.style as string | undefined,
        });
      }
      Object.values(record).forEach(visit);
    }
  };
  visit(card);
  return found;
}

/** All text in a card, joined, for assertions on what an analyst reads. */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      for (const key of ['text', 'title', 'value'])
        if (typeof record[key] === 'string') parts.push(record[key] as string);
      Object.values(record).forEach(visit);
    }
  };
  visit(card);
  return parts.join('\n');
}
