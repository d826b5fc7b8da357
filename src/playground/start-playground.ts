/**
 * Starts Microsoft 365 Agents Playground, Ward's local Teams client for `npm start`, as a child process, and
 * stops it again. It runs the installed binary (node_modules/.bin/agentsplayground: no npx, no network) in its
 * own process group with the browser and telemetry off, waits until it really serves (the "Listening on" line
 * prints even when it then exits 1 over an invalid .m365agentsplayground.yml), and turns every failure into a
 * PlaygroundStartError that quotes the Playground's log. If a Playground already runs on the port it is reused.
 * It must never import botbuilder or teams-ai (it only speaks HTTP to the Playground), and never leave the
 * child running after Ward exits.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod/v4';
import { ConfigError } from '../core/errors.js';
import { PlaygroundStartError } from './playground-start-error.js';

/** The Playground's own default port, and Ward's. */
export const DEFAULT_PLAYGROUND_PORT = 56150;
/** The mock-data file the Playground reads from its working directory. */
export const PLAYGROUND_CONFIG_FILE = '.m365agentsplayground.yml';
/** Where the Playground writes its log (overwritten at each start), relative to its working directory. */
export const PLAYGROUND_LOG_FILE = join('devTools', 'm365agentsplayground.log');

/** The logging `startPlayground` needs; a pino logger fits. */
export interface PlaygroundLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  debug(fields: Record<string, unknown>, message: string): void;
}

/** Options of {@link startPlayground}. */
export interface StartPlaygroundOptions {
  /** Ward's Bot Framework endpoint the Playground posts activities to, e.g. `http://127.0.0.1:3978/api/messages`. */
  botEndpoint: string;
  /** Port the Playground serves on; default 56150. */
  port?: number;
  /** Folder with node_modules/.bin/agentsplayground and .m365agentsplayground.yml (the repository root). The
   * Playground writes devTools/ here. */
  cwd: string;
  log: PlaygroundLog;
  /** How long to wait for the Playground to serve; default 20 s. */
  readyTimeoutMs?: number;
}

/** A Playground Ward started or found running. */
export interface RunningPlayground {
  /** Where to open it in a browser, e.g. `http://localhost:56150`. */
  url: string;
  /** True when a Playground was already running on the port and is being reused (then `stop` leaves it alone). */
  reused: boolean;
  /** Stops the Playground Ward started (its whole process group); idempotent. */
  stop(): Promise<void>;
}

const optionsSchema = z.object({
  botEndpoint: z.url({ protocol: /^https?$/ }),
  port: z.number().int().min(1).max(65_535).default(DEFAULT_PLAYGROUND_PORT),
  cwd: z.string().min(1),
  readyTimeoutMs: z.number().int().positive().default(20_000),
});

/**
 * The part of `GET /_internal/v1/testConfig` that tells a Playground apart from any other server. (It answers
 * at once; `/_internal/v1/config` returns the same data but only after the bot endpoint accepts connections.)
 */
const playgroundConfigSchema = z.object({
  config: z.object({
    bot: z.object({ id: z.string(), name: z.string() }),
    currentUser: z.object({ id: z.string(), name: z.string() }),
    users: z.array(z.object({ id: z.string(), name: z.string() })),
  }),
});

const POLL_INTERVAL_MS = 150;
const STOP_GRACE_MS = 5_000;
const OUTPUT_LINES_KEPT = 20;

/**
 * Starts the Agents Playground pointing at `botEndpoint` and resolves once it serves on `port` (Ward's endpoint
 * need not be up yet: the Playground keeps trying to reach it, but start Ward's server first); reuses a
 * Playground that already runs there. Rejects with a PlaygroundStartError (message says what to do, `logTail`
 * quotes the Playground's log) when it is not installed, the port is taken by something else, or it exits or
 * is not ready within `readyTimeoutMs`. Throws ConfigError for invalid options.
 */
export async function startPlayground(options: StartPlaygroundOptions): Promise<RunningPlayground> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new ConfigError(`Invalid Agents Playground options: ${z.prettifyError(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  const { botEndpoint, port, cwd, readyTimeoutMs } = parsed.data;
  const { log } = options;
  const url = `http://localhost:${port}`;
  const probeBase = `http://127.0.0.1:${port}`;

  const binary = join(cwd, 'node_modules', '.bin', 'agentsplayground');
  if (!existsSync(binary)) {
    throw new PlaygroundStartError(
      `The Agents Playground is not installed (${binary} is missing). Run \`npm install\` in ${cwd} ` +
        '(it is a devDependency), or set PLAYGROUND=false to run Ward without it.',
    );
  }
  if (!existsSync(join(cwd, PLAYGROUND_CONFIG_FILE))) {
    log.warn(
      { cwd },
      `No ${PLAYGROUND_CONFIG_FILE} in ${cwd}: the Playground will use its built-in mock users, not the demo SOC team.`,
    );
  }

  if (!(await isPortFree(port))) {
    const running = await readPlaygroundConfig(probeBase);
    if (!running) {
      throw new PlaygroundStartError(
        `Port ${port} is already in use by something that is not an Agents Playground. Stop it, or set ` +
          'PLAYGROUND_PORT to a free port.',
      );
    }
    log.warn(
      { url, port, botEndpoint, bot: running.config.bot.name, currentUser: running.config.currentUser.name },
      `An Agents Playground is already running on port ${port}: reusing it (Ward did not start it and will not ` +
        `stop it). It may post to another bot endpoint than ${botEndpoint}; stop it if Ward gets no messages.`,
    );
    return { url, reused: true, stop: async () => {} };
  }

  const startedAt = Date.now();
  const child = spawnPlayground(binary, cwd, botEndpoint, port);
  const output: string[] = [];
  let listeningPort: number | undefined;
  const partial = { stdout: '', stderr: '' };
  const remember = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
    const lines = (partial[stream] + chunk.toString('utf8')).split(/\r?\n/);
    partial[stream] = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      output.push(line);
      if (output.length > OUTPUT_LINES_KEPT) output.shift();
      const listening = /Listening on (\d+)/.exec(line);
      if (listening) listeningPort = Number(listening[1]);
      log.debug({ line }, 'Agents Playground output');
    }
  };
  child.stdout?.on('data', remember('stdout'));
  child.stderr?.on('data', remember('stderr'));

  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve();
    });
    child.once('error', (error) => {
      spawnError = error;
      if (child.pid === undefined) resolve();
    });
  });

  // Never leave the Playground behind when Ward exits without calling stop() (crash, process.exit).
  const killOnExit = () => signalGroup(child, 'SIGTERM');
  process.once('exit', killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.removeListener('exit', killOnExit);
      if (exit || child.pid === undefined) return;
      signalGroup(child, 'SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const graceful = await Promise.race([
        exited.then(() => true),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), STOP_GRACE_MS);
        }),
      ]);
      clearTimeout(timer);
      if (!graceful) {
        log.warn({ pid: child.pid }, 'The Agents Playground ignored SIGTERM; killing it.');
        signalGroup(child, 'SIGKILL');
        await exited;
      }
    })();
    return stopping;
  };

  const fail = async (message: string, cause?: unknown): Promise<never> => {
    await stop();
    const logTail = readLogTail(cwd, startedAt);
    const details = logTail ?? (output.length > 0 ? output.join('\n') : undefined);
    throw new PlaygroundStartError(
      details
        ? `${message}\nAgents Playground log (${join(cwd, PLAYGROUND_LOG_FILE)}):\n${details}`
        : message,
      { cause, logTail },
    );
  };

  const deadline = startedAt + readyTimeoutMs;
  for (;;) {
    if (spawnError && child.pid === undefined) {
      return fail(`Could not run the Agents Playground (${binary}): ${spawnError.message}`, spawnError);
    }
    if (exit) {
      return fail(
        `The Agents Playground exited (code ${exit.code ?? exit.signal}) before it was ready. If the log below ` +
          `names ${PLAYGROUND_CONFIG_FILE}, fix that file (exactly 5 users, at most 1 extra channel).`,
      );
    }
    if (listeningPort !== undefined && listeningPort !== port) {
      return fail(
        `The Agents Playground could not use port ${port} (taken meanwhile) and fell back to ${listeningPort}. ` +
          'Free the port, or set PLAYGROUND_PORT to a free one.',
      );
    }
    // Our child printed our port (so what answers there is ours, not one started meanwhile) and it serves.
    if (listeningPort === port && (await isServing(probeBase)) && !exit) break;
    if (Date.now() >= deadline) {
      return fail(`The Agents Playground did not serve ${url} within ${readyTimeoutMs / 1000} s.`);
    }
    await sleep(POLL_INTERVAL_MS);
  }

  exited.then(() => {
    if (!stopping) {
      log.warn(
        { code: exit?.code, signal: exit?.signal, logTail: readLogTail(cwd, startedAt) },
        'The Agents Playground stopped unexpectedly; restart Ward to get it back.',
      );
    }
  });
  log.info(
    { url, port, botEndpoint, pid: child.pid, elapsedMs: Date.now() - startedAt },
    `Agents Playground ready: open ${url}`,
  );
  log.warn(
    { port },
    `The Agents Playground listens on ALL network interfaces, not only loopback: anyone who can reach this ` +
      `machine on port ${port} can chat with Ward as the demo SOC team. Use it on a trusted network only.`,
  );
  return { url, reused: false, stop };
}

/** Spawns the Playground in its own process group so stop() can end it and anything it starts. */
function spawnPlayground(binary: string, cwd: string, botEndpoint: string, port: number): ChildProcess {
  const args = ['-e', botEndpoint, '-c', 'msteams', '--disable-telemetry', '-p', String(port)];
  const env = { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' };
  // On POSIX .bin/agentsplayground links to the package's cli.js: run it with this very Node.
  const script = realpathSync(binary);
  const viaNode = /\.[cm]?js$/.test(script);
  return spawn(viaNode ? process.execPath : binary, viaNode ? [script, ...args] : args, {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
}

/** Sends a signal to the child's process group (falls back to the child alone where groups do not exist). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // Already gone.
    }
  }
}

/** True when nothing listens on `port` on any interface (the Playground binds all of them). */
function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

async function isServing(base: string): Promise<boolean> {
  try {
    const response = await fetch(`${base}/`, { signal: AbortSignal.timeout(1_000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** The running Playground's effective config, or undefined when `base` is not an Agents Playground. */
async function readPlaygroundConfig(
  base: string,
): Promise<z.infer<typeof playgroundConfigSchema> | undefined> {
  try {
    const response = await fetch(`${base}/_internal/v1/testConfig`, { signal: AbortSignal.timeout(2_000) });
    if (response.status !== 200) {
      await response.body?.cancel();
      return undefined;
    }
    const parsed = playgroundConfigSchema.safeParse(await response.json());
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The lines of the Playground's log that explain a failure: its `error` lines when there are any, else the
 * last few that are not debug noise; each cut to a readable length. Undefined when the log is missing or older than this start.
 */
function readLogTail(cwd: string, startedAt: number): string | undefined {
  const path = join(cwd, PLAYGROUND_LOG_FILE);
  try {
    if (statSync(path).mtimeMs < startedAt - 1_000) return undefined;
    const lines = readFileSync(path, 'utf8')
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '');
    const errors = lines.filter((line) => line.startsWith('error'));
    const notDebug = lines.filter((line) => !line.startsWith('debug'));
    const chosen = (errors.length > 0 ? errors : notDebug.length > 0 ? notDebug : lines).slice(-8);
    return chosen.length > 0
      ? chosen.map((line) => (line.length > 400 ? `${line.slice(0, 400)}…` : line)).join('\n')
      : undefined;
  } catch {
    return undefined;
  }
}
