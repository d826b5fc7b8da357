/**
 * Runs the demo tenant on its own (`npm run demo-tenant`): port from the first argument or
 * `DEMO_TENANT_PORT` (default 4211; 0 for an ephemeral port), seed from `DEMO_TENANT_SEED`, and the Identity
 * Protection throttle from `DEMO_TENANT_IDENTITY_PROTECTION_RATE` (`off`, or `<burst>,<perSecond>`; default
 * `4,1`, like the real service). Prints the base and Graph URLs and stops cleanly on SIGINT/SIGTERM.
 * It never starts Ward itself; it is a standalone tool, so it reads its own settings from the environment.
 */
import { z } from 'zod/v4';
import { DEFAULT_DEMO_SEED } from './seed/seed-tenant.js';
import { startDemoTenant } from './start-demo-tenant.js';

const identityProtectionRate = z
  .string()
  .trim()
  .regex(/^(off|\d+\s*,\s*\d+(\.\d+)?)$/i, {
    message: 'use off, or <burst>,<perSecond> such as 4,1',
    abort: true,
  })
  .transform((text) => {
    if (text.toLowerCase() === 'off') return false as const;
    const [burst, perSecond] = text.split(',').map((part) => Number(part.trim()));
    return { burst: burst!, perSecond: perSecond! };
  })
  .refine(
    (rate) =>
      rate === false ||
      (rate.burst >= 1 && rate.burst <= 10_000 && rate.perSecond > 0 && rate.perSecond <= 10_000),
    'burst must be 1 to 10000 and perSecond above 0 (at most 10000)',
  );

const settings = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(4211),
  seed: z.coerce.number().int().default(DEFAULT_DEMO_SEED),
  identityProtectionRate: identityProtectionRate.optional(),
});

const parsed = settings.safeParse({
  port: process.argv[2] ?? process.env.DEMO_TENANT_PORT ?? undefined,
  seed: process.env.DEMO_TENANT_SEED ?? undefined,
  identityProtectionRate: process.env.DEMO_TENANT_IDENTITY_PROTECTION_RATE ?? undefined,
});
if (!parsed.success) {
  console.error(
    `demo tenant: bad settings: ${z.prettifyError(parsed.error)}\nUsage: npm run demo-tenant [port]`,
  );
  process.exit(2);
}

const running = await startDemoTenant({
  port: parsed.data.port,
  seed: parsed.data.seed,
  identityProtectionRate: parsed.data.identityProtectionRate,
});
console.log(`Demo tenant (seed ${parsed.data.seed}) listening on ${running.url}`);
console.log(
  `Microsoft Graph: ${running.graphUrl}/v1.0  (e.g. ${running.graphUrl}/v1.0/identityProtection/riskyUsers)`,
);
console.log(`Azure (ARM):     ${running.armUrl}`);
console.log(`Log Analytics:   ${running.logAnalyticsUrl}`);
console.log(`ServiceNow:      ${running.serviceNowUrl}  (basic auth ward-demo / ward-demo-password)`);
console.log(`Threat intel:    ${running.threatIntelUrl}  (x-apikey ward-demo-threat-intel-key)`);
console.log(
  `Controls:        ${running.url}/_demo/health, /_demo/reset, /_demo/faults, /_demo/throttle, /_demo/plant`,
);
const rate = running.tenant.throttle.rate();
console.log(
  `Identity Protection throttle: ${rate === false ? 'off' : `${rate.burst} at once, then ${rate.perSecond}/s`}`,
);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`demo tenant: ${signal}, stopping`);
  running.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('demo tenant: stop failed', error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
