/**
 * A loopback HTTP server for client tests that records every request as it arrives (method, URL, headers,
 * arrival time) before a handler answers it: put it in front of the demo tenant to count retries and time
 * the waits where they happen, or give it a handler to answer what the demo tenant cannot (a foreign next
 * link, an HTTP-date Retry-After, a reset connection).
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server saw it. */
export interface Arrival {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** `performance.now()` on arrival. */
  at: number;
}

/** A running recording server. */
export interface RecordingServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  arrivals: Arrival[];
  close(): Promise<void>;
}

/** Starts a recording server whose requests `handler` answers. */
export async function startRecordingServer(
  handler: (request: IncomingMessage, response: ServerResponse, arrival: Arrival) => void,
): Promise<RecordingServer> {
  const arrivals: Arrival[] = [];
  const server = createServer((request, response) => {
    const arrival = {
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      headers: request.headers,
      at: performance.now(),
    };
    arrivals.push(arrival);
    handler(request, response, arrival);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Answers with JSON. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  response.end(payload);
}

/** Awaits a promise that must reject and returns what it rejected with. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
