/**
 * Starts a demo tenant on a loopback HTTP port (ephemeral when `port` is 0 or absent) and returns its URLs
 * and a `close()` that stops it and drops open connections. Used by Ward's composition root in demo mode,
 * by `main.ts`, and by integration tests.
 * It never listens on anything but the host it is given (127.0.0.1 by default).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDemoTenant, type DemoTenant, type DemoTenantOptions } from './demo-tenant.js';

/** A running demo tenant. */
export interface RunningDemoTenant {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `${url}/graph`: the base URL for a Graph client (version `v1.0` or `beta` follows). */
  graphUrl: string;
  /** `${url}/arm`: the base URL for an ARM client, as `https://management.azure.com` would be. */
  armUrl: string;
  /** `${url}/loganalytics`: the Log Analytics query API's base URL, as `https://api.loganalytics.io` would be. */
  logAnalyticsUrl: string;
  /** `${url}/servicenow`: the ServiceNow instance's base URL, as `https://contoso.service-now.com` would be. */
  serviceNowUrl: string;
  /**
   * `${url}/threatintel`: the base URL of the threat-intelligence sources, as `https://www.virustotal.com`,
   * `https://services.nvd.nist.gov` and `https://api.first.org` would be (each at its own real paths).
   */
  threatIntelUrl: string;
  tenant: DemoTenant;
  close(): Promise<void>;
}

/** Creates a demo tenant and serves it over HTTP. */
export async function startDemoTenant(
  options: DemoTenantOptions & { port?: number; host?: string } = {},
): Promise<RunningDemoTenant> {
  const tenant = createDemoTenant(options);
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => tenant.handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    graphUrl: `${url}/graph`,
    armUrl: `${url}/arm`,
    logAnalyticsUrl: `${url}/loganalytics`,
    serviceNowUrl: `${url}/servicenow`,
    threatIntelUrl: `${url}/threatintel`,
    tenant,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
