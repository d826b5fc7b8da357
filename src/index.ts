/**
 * `npm start`: reads the settings, starts Ward (and, on embedded defaults, the Agents Playground as the Teams
 * client), says in a few lines what is running and how to talk to it, and shuts down cleanly on SIGINT/SIGTERM.
 */
import { type Config, describeConfig, loadConfig } from './config.js';
import { ConfigError, WardError } from './core/errors.js';
import { createLogger } from './logger.js';
import { startPlayground } from './playground/start-playground.js';
import { startWard } from './ward.js';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(ConfigError.isInstance(error) ? `Ward cannot start: ${error.message}` : error);
    process.exit(1);
  }
  const log = createLogger(config.logLevel);
  log.info(describeConfig(config), 'starting');

  const ward = await startWard({ config, log });
  const botEndpoint = `${ward.url}/api/messages`;
  let playground: Awaited<ReturnType<typeof startPlayground>> | undefined;
  if (config.playground.enabled) {
    try {
      playground = await startPlayground({
        botEndpoint,
        port: config.playground.port,
        cwd: process.cwd(),
        log,
      });
    } catch (error) {
      log.warn(
        { err: error },
        'Agents Playground did not start; Ward still runs (set PLAYGROUND=0 to skip it)',
      );
    }
  }

  const lines = [
    '',
    `  Ward is running: bot endpoint ${botEndpoint}`,
    ward.demoTenantUrl
      ? `  Tenant: demo tenant (contoso.com) at ${ward.demoTenantUrl}`
      : `  Tenant: ${config.tenant.mode === 'live' ? config.tenant.graphBaseUrl : ''}`,
    `  Storage: ${config.storage.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.storage.dataDir}`} · planner: rules`,
    playground
      ? `  Teams client: Agents Playground at ${playground.url} — open it and write "@Ward is adele.vance@contoso.com compromised?"`
      : config.playground.enabled
        ? '  Teams client: the Agents Playground did not start (see the warning above).'
        : '  Teams client: none started (PLAYGROUND=0 or credentials set); connect Teams or another Bot Framework client.',
    '  Stop with Ctrl+C.',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    await playground
      ?.stop()
      .catch((error: unknown) => log.warn({ err: error }, 'Playground did not stop cleanly'));
    await ward.close();
    log.info('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (WardError.isInstance(error)) console.error(`Ward cannot start: ${error.message}`);
  else console.error('Ward cannot start:', error);
  process.exit(1);
});
