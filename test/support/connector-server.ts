/**
 * A small Bot Framework connector for tests: the `serviceUrl` Ward replies to. It records every activity Ward
 * sends (new messages, replies, updates) per conversation, and can be told to fail, like the real one does.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

export interface SentActivity {
  method: 'POST' | 'PUT';
  conversationId: string;
  /** The activity id replied to or updated, when the path had one. */
  activityId?: string;
  body: Record<string, unknown>;
}

export interface ConnectorServer {
  url: string;
  sent: SentActivity[];
  /** Activities (not typing) sent to a conversation. */
  messages(conversationId?: string): SentActivity[];
  clear(): void;
  close(): Promise<void>;
}

export async function startConnectorServer(): Promise<ConnectorServer> {
  const sent: SentActivity[] = [];
  const app = express();
  app.use(express.json({ limit: '5mb' }));
  const record = (method: 'POST' | 'PUT') => (request: express.Request, response: express.Response) => {
    const params = request.params as { conversationId: string; activityId?: string };
    sent.push({
      method,
      conversationId: decodeURIComponent(params.conversationId),
      activityId: params.activityId,
      body: request.body,
    });
    response.status(200).json({ id: randomUUID() });
  };
  app.post('/v3/conversations/:conversationId/activities', record('POST'));
  app.post('/v3/conversations/:conversationId/activities/:activityId', record('POST'));
  app.put('/v3/conversations/:conversationId/activities/:activityId', record('PUT'));
  app.use((request, response) => {
    response.status(404).json({ error: { code: 'NotFound', message: `${request.method} ${request.path}` } });
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    messages: (conversationId) =>
      sent.filter(
        (activity) =>
          activity.body.type !== 'typing' && (!conversationId || activity.conversationId === conversationId),
      ),
    clear: () => {
      sent.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
