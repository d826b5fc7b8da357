/**
 * The HTTP front door (express): `POST /api/messages` handed to the chat host's endpoint, `GET /healthz`
 * (process up) and `GET /readyz` (storage and tenant reachable). Host-neutral: it parses JSON with a size
 * limit and maps malformed requests to 4xx; what an activity is belongs to src/teams.
 */
import type { Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';

export interface ReadinessCheck {
  name: string;
  check(signal: AbortSignal): Promise<{ ok: boolean; detail?: string }>;
}

/** Handles one parsed request body sent to `/api/messages` (the chat host's adapter implements it). */
export interface MessageEndpoint {
  handle(body: unknown, authorization: string): Promise<{ status: number; body?: unknown }>;
}

export interface ServerOptions {
  messages: MessageEndpoint;
  log: Logger;
  readiness: ReadinessCheck[];
  maxBodyBytes?: number;
}

export function createServer(options: ServerOptions): express.Express {
  const { log } = options;
  const app = express();
  app.disable('x-powered-by');

  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });

  app.get('/readyz', async (_request, response) => {
    const signal = AbortSignal.timeout(5_000);
    const results = await Promise.all(
      options.readiness.map(async (check) => {
        try {
          return { name: check.name, ...(await check.check(signal)) };
        } catch (error) {
          return {
            name: check.name,
            ok: false,
            detail: error instanceof Error ? error.message : String(error),
          };
        }
      }),
    );
    const ready = results.every((result) => result.ok);
    response.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks: results });
  });

  app.post(
    '/api/messages',
    express.json({ limit: options.maxBodyBytes ?? 512 * 1024 }),
    async (request, response) => {
      const result = await options.messages.handle(request.body, request.headers.authorization ?? '');
      response.status(result.status);
      if (result.body !== undefined) response.json(result.body);
      else response.end();
    },
  );

  // Body parser and routing errors: malformed JSON, too large, wrong content type.
  app.use((error: unknown, _request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    const status =
      typeof error === 'object' && error && 'status' in error && typeof error.status === 'number'
        ? error.status
        : 500;
    if (status >= 400 && status < 500) {
      const type = (error as { type?: string }).type;
      response.status(status).json({
        error: type === 'entity.too.large' ? 'too_large' : 'bad_request',
        message:
          type === 'entity.too.large' ? 'The activity is too large.' : 'The request body is not valid JSON.',
      });
      return;
    }
    log.error({ err: error }, 'request failed');
    response.status(500).json({ error: 'internal_error', message: 'Ward could not process this request.' });
  });

  app.use((_request, response) => {
    response
      .status(404)
      .json({ error: 'not_found', message: 'Ward serves POST /api/messages, GET /healthz and GET /readyz.' });
  });

  return app;
}

/** Starts listening; resolves once the port is bound. */
export function listen(app: express.Express, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(server)));
    server.once('error', reject);
  });
}
