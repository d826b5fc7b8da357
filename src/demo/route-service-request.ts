/**
 * Hands a request to the demo tenant service whose prefix its path starts with (`/arm`, `/loganalytics`,
 * `/servicenow`, `/threatintel`), after reading its body, and turns anything that goes wrong on the way into an
 * error in that service's own shape. Paths under no such prefix are left to the caller (Graph, controls, 404).
 * It never applies fault rules (the demo tenant does, before calling it) and never writes to the socket.
 */
import type { IncomingMessage } from 'node:http';
import { armService } from './arm/arm-service.js';
import type { DemoService, DemoServiceContext, DemoServiceResponse } from './demo-service.js';
import { logAnalyticsService } from './loganalytics/log-analytics-service.js';
import { serviceNowService } from './servicenow/servicenow-service.js';
import { threatIntelService } from './threatintel/threat-intel-service.js';

/** The services besides Graph, by prefix. */
export const DEMO_SERVICES: readonly DemoService[] = [
  armService,
  logAnalyticsService,
  serviceNowService,
  threatIntelService,
];

const MAX_BODY_BYTES = 64 * 1024;

class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The service's answer to `req`, or `undefined` when its path belongs to none of them. */
export async function routeServiceRequest(
  req: IncomingMessage,
  url: URL,
  context: DemoServiceContext,
): Promise<{ result: DemoServiceResponse; contentType: string } | undefined> {
  const path = url.pathname;
  const service = DEMO_SERVICES.find((s) => path === s.prefix || path.startsWith(`${s.prefix}/`));
  if (service === undefined) return undefined;
  const method = (req.method ?? 'GET').toUpperCase();
  let result: DemoServiceResponse;
  try {
    const body = method === 'POST' || method === 'PUT' || method === 'PATCH' ? await readBody(req) : '';
    const host = req.headers.host ?? 'localhost';
    result = service.handle(
      {
        method,
        path: path.slice(service.prefix.length) || '/',
        query: url.searchParams,
        headers: req.headers,
        body,
        serviceRoot: `http://${host}${service.prefix}`,
      },
      context,
    );
  } catch (error) {
    result =
      error instanceof BodyTooLargeError
        ? service.error(413, `The request body is larger than ${MAX_BODY_BYTES} bytes.`)
        : service.error(
            500,
            `The demo tenant failed: ${error instanceof Error ? error.message : String(error)}`,
          );
  }
  return { result, contentType: service.contentType };
}
