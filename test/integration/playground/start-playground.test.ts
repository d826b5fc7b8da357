/**
 * startPlayground against the real Agents Playground binary: it starts on a free port with the demo SOC team,
 * delivers activities the way Ward's Teams adapter expects them, stops cleanly (port free again), reuses a
 * Playground already running, and explains every failure (port taken, invalid mock data, not installed).
 * Skipped, with a message, when node_modules/.bin/agentsplayground is not installed.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { DEMO_TENANT_ID, SOC_TEAM } from '../../../src/demo/seed/people.js';
import { PlaygroundStartError } from '../../../src/playground/playground-start-error.js';
import {
  type PlaygroundLog,
  type RunningPlayground,
  startPlayground,
} from '../../../src/playground/start-playground.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const installed = existsSync(join(root, 'node_modules', '.bin', 'agentsplayground'));
if (!installed) {
  console.warn(
    'Skipping Agents Playground tests: node_modules/.bin/agentsplayground is missing (run npm install).',
  );
}

interface LogEntry {
  level: 'info' | 'warn' | 'debug';
  fields: Record<string, unknown>;
  message: string;
}

function recordingLog(): PlaygroundLog & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return {
    entries,
    info: (fields, message) => entries.push({ level: 'info', fields, message }),
    warn: (fields, message) => entries.push({ level: 'warn', fields, message }),
    debug: (fields, message) => entries.push({ level: 'debug', fields, message }),
  };
}

/** A port nothing listens on right now, on any interface. */
async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function isPortFree(port: number): Promise<boolean> {
  const server = createNetServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

async function readBody(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += String(chunk);
  return body;
}

const configSchema = z.object({
  config: z.object({
    tenantId: z.string(),
    bot: z.object({ id: z.string(), name: z.string() }),
    currentUser: z.object({ id: z.string(), aadObjectId: z.string() }),
    users: z.array(z.object({ id: z.string(), aadObjectId: z.string(), userPrincipleName: z.string() })),
    teams: z.array(
      z.object({ name: z.string(), channels: z.array(z.object({ id: z.string(), name: z.string() })) }),
    ),
  }),
});

const activitySchema = z.object({
  type: z.string(),
  text: z.string(),
  serviceUrl: z.string(),
  from: z.object({ id: z.string(), aadObjectId: z.string() }),
  recipient: z.object({ id: z.string(), name: z.string() }),
  conversation: z.object({ id: z.string(), conversationType: z.string(), tenantId: z.string() }),
  entities: z.array(z.object({ type: z.string(), mentioned: z.object({ id: z.string() }).optional() })),
  channelData: z.object({ channel: z.object({ id: z.string() }).optional() }),
});

describe.skipIf(!installed)('startPlayground with the real Agents Playground', () => {
  let bot: Server;
  let botPort: number;
  const activities: unknown[] = [];
  let port: number;
  let playground: RunningPlayground;
  const log = recordingLog();

  beforeAll(async () => {
    // Stands in for Ward's POST /api/messages: records what the Playground delivers.
    bot = createHttpServer(async (request, response) => {
      const body = await readBody(request);
      if (request.method === 'POST' && body) activities.push(JSON.parse(body));
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    botPort = await listen(bot);
    port = await freePort();
    playground = await startPlayground({
      botEndpoint: `http://127.0.0.1:${botPort}/api/messages`,
      port,
      cwd: root,
      log,
    });
  });

  afterAll(async () => {
    await playground?.stop();
    if (bot) await close(bot);
  });

  it('serves the Playground with the demo SOC team from .m365agentsplayground.yml', async () => {
    expect(playground).toMatchObject({ url: `http://localhost:${port}`, reused: false });
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);

    const { config } = configSchema.parse(
      await (await fetch(`http://127.0.0.1:${port}/_internal/v1/config`)).json(),
    );
    expect(config.tenantId).toBe(DEMO_TENANT_ID);
    expect(config.bot.name).toBe('Ward');
    expect(config.currentUser.aadObjectId).toBe(SOC_TEAM.patti.id);
    expect([config.currentUser.aadObjectId, ...config.users.map((user) => user.aadObjectId)].sort()).toEqual(
      Object.values(SOC_TEAM)
        .map((person) => person.id)
        .sort(),
    );
    expect(config.teams[0]?.name).toBe('Contoso SOC');
    expect(config.teams[0]?.channels.map((channel) => channel.name)).toEqual([
      'General',
      'incident-4211-adele',
    ]);
  });

  it('logs where to open it and warns that it listens on all interfaces', () => {
    const ready = log.entries.find(
      (entry) => entry.level === 'info' && entry.message.includes(playground.url),
    );
    expect(ready).toBeDefined();
    const exposure = log.entries.find(
      (entry) => entry.level === 'warn' && /ALL network interfaces/.test(entry.message),
    );
    expect(exposure).toBeDefined();
  });

  it('delivers a channel mention as a thread activity from Patti, with the bot mention and no auth', async () => {
    const { config } = configSchema.parse(
      await (await fetch(`http://127.0.0.1:${port}/_internal/v1/config`)).json(),
    );
    const channel = config.teams[0]!.channels.find((candidate) => candidate.name === 'incident-4211-adele')!;
    const response = await fetch(
      `http://127.0.0.1:${port}/_conversation/v1/conversations/${encodeURIComponent(channel.id)}/messages`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          from: { id: config.currentUser.id },
          text: '<at>Ward</at> is adele.vance@contoso.com compromised?',
          textFormat: 'plain',
          mentions: [{ mentioned: { id: config.bot.id }, text: '<at>Ward</at>' }],
        }),
      },
    );
    expect(response.status).toBe(200);
    const { postConversationId } = z.object({ postConversationId: z.string() }).parse(await response.json());
    expect(postConversationId).toMatch(
      new RegExp(`^${channel.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')};messageid=\\d+$`),
    );

    await expect.poll(() => activities.length, { timeout: 5_000 }).toBeGreaterThan(0);
    const activity = activitySchema.parse(activities.at(-1));
    expect(activity).toMatchObject({
      type: 'message',
      text: '<at>Ward</at> is adele.vance@contoso.com compromised?',
      serviceUrl: `http://localhost:${port}/_connector`,
      from: { aadObjectId: SOC_TEAM.patti.id },
      recipient: { id: config.bot.id, name: 'Ward' },
      conversation: { id: postConversationId, conversationType: 'channel', tenantId: DEMO_TENANT_ID },
      channelData: { channel: { id: channel.id } },
    });
    expect(activity.entities.find((entity) => entity.type === 'mention')?.mentioned?.id).toBe(config.bot.id);
  });

  it('reuses a Playground already running on the port and leaves it running when asked to stop', async () => {
    const second = recordingLog();
    const reused = await startPlayground({
      botEndpoint: `http://127.0.0.1:${botPort}/api/messages`,
      port,
      cwd: root,
      log: second,
    });
    expect(reused).toMatchObject({ url: `http://localhost:${port}`, reused: true });
    expect(
      second.entries.some((entry) => entry.level === 'warn' && /already running/.test(entry.message)),
    ).toBe(true);
    await reused.stop();
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
  });

  it('stops the Playground it started and frees the port; stopping twice is harmless', async () => {
    await playground.stop();
    await playground.stop();
    expect(await isPortFree(port)).toBe(true);
  });
});

describe.skipIf(!installed)('startPlayground before Ward listens', () => {
  it('is ready although the bot endpoint does not answer yet, can be reused meanwhile, and stops', async () => {
    const port = await freePort();
    const nobody = await freePort();
    const playground = await startPlayground({
      botEndpoint: `http://127.0.0.1:${nobody}/api/messages`,
      port,
      cwd: root,
      log: recordingLog(),
      readyTimeoutMs: 10_000,
    });
    try {
      expect(playground.reused).toBe(false);
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
      // A Playground left over from an earlier run, whose Ward is gone, is still recognised and reused.
      const again = await startPlayground({
        botEndpoint: `http://127.0.0.1:${nobody}/api/messages`,
        port,
        cwd: root,
        log: recordingLog(),
      });
      expect(again.reused).toBe(true);
    } finally {
      await playground.stop();
    }
    expect(await isPortFree(port)).toBe(true);
  });
});

describe.skipIf(!installed)('startPlayground failures', () => {
  let scratch: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'ward-playground-'));
  });

  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('refuses a port held by something that is not a Playground, and says what to do', async () => {
    const other = createHttpServer((_request, response) => response.writeHead(404).end());
    await new Promise<void>((resolve) => other.listen(0, resolve));
    const { port } = other.address() as AddressInfo;
    try {
      const attempt = startPlayground({
        botEndpoint: 'http://127.0.0.1:3978/api/messages',
        port,
        cwd: root,
        log: recordingLog(),
      });
      await expect(attempt).rejects.toBeInstanceOf(PlaygroundStartError);
      await expect(attempt).rejects.toThrow(
        /already in use by something that is not an Agents Playground.*PLAYGROUND_PORT/s,
      );
    } finally {
      await close(other);
    }
  });

  it("explains an invalid .m365agentsplayground.yml with the Playground's own reason and frees the port", async () => {
    const cwd = join(scratch, 'invalid-mock-data');
    await mkdir(cwd);
    await symlink(join(root, 'node_modules'), join(cwd, 'node_modules'), 'dir');
    // Four users: the Playground insists on exactly five.
    const valid = await readFile(join(root, '.m365agentsplayground.yml'), 'utf8');
    await writeFile(
      join(cwd, '.m365agentsplayground.yml'),
      valid.replace(/\n {2}- id: user-id-5\n(?: {4}.*\n)+/, '\n'),
    );
    const port = await freePort();

    const attempt = startPlayground({
      botEndpoint: 'http://127.0.0.1:3978/api/messages',
      port,
      cwd,
      log: recordingLog(),
    });
    const error = await attempt.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PlaygroundStartError);
    expect((error as PlaygroundStartError).message).toMatch(/exited .* before it was ready/);
    expect((error as PlaygroundStartError).logTail).toMatch(/must NOT have fewer than 5 items/);
    expect(await isPortFree(port)).toBe(true);
  });

  it('says how to install it when the binary is missing', async () => {
    const attempt = startPlayground({
      botEndpoint: 'http://127.0.0.1:3978/api/messages',
      cwd: scratch,
      log: recordingLog(),
    });
    await expect(attempt).rejects.toThrow(/not installed.*npm install.*PLAYGROUND=false/s);
  });
});
