/**
 * A small Bot Framework connector for tests: the `serviceUrl` Ward replies to. It records every activity Ward
 * sends (new messages, replies, updates) per conversation, and can be told to fail, like the real one does.
 * Streaming activities (a `streaminfo` entity: informative and streaming `typing`, the `final` message) are
 * checked and accepted like Teams accepts them in a 1:1 chat, answering with the stream's id once it has one;
 * or refused with a status, like Teams refuses them where a chat or client cannot stream.
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
  /** The id this connector gave the activity in its response (what Teams would call the message id). */
  responseId?: string;
}

export interface ConnectorServer {
  url: string;
  sent: SentActivity[];
  /** Streaming activities refused (by `refuseStreaming`, or malformed the way Teams refuses them); not in `sent`. */
  refused: SentActivity[];
  /** Refuses every activity with a `streaminfo` entity with `status` (e.g. 403); undefined accepts them again. */
  refuseStreaming(status: number | undefined): void;
  /** Activities (not typing) sent to a conversation. */
  messages(conversationId?: string): SentActivity[];
  clear(): void;
  close(): Promise<void>;
}

export async function startConnectorServer(): Promise<ConnectorServer> {
  const sent: SentActivity[] = [];
  const refused: SentActivity[] = [];
  let refuseStreamingWith: number | undefined;
  const app = express();
  app.use(express.json({ limit: '5mb' }));
  const record = (method: 'POST' | 'PUT') => (request: express.Request, response: express.Response) => {
    const params = request.params as { conversationId: string; activityId?: string };
    const activity: SentActivity = {
      method,
      conversationId: decodeURIComponent(params.conversationId),
      activityId: params.activityId,
      body: request.body,
    };
    const stream = streamInfo(activity.body);
    if (stream && refuseStreamingWith !== undefined) {
      refused.push(activity);
      response.status(refuseStreamingWith).json({
        error: { code: 'ContentStreamNotAllowed', message: 'Content stream is not allowed' },
      });
      return;
    }
    const problem = stream && streamProblem(activity.body, stream);
    if (problem) {
      refused.push(activity);
      response.status(400).json({ error: problem });
      return;
    }
    activity.responseId = stream?.streamId ?? randomUUID();
    sent.push(activity);
    response.status(200).json({ id: activity.responseId });
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
    refused,
    refuseStreaming: (status) => {
      refuseStreamingWith = status;
    },
    messages: (conversationId) =>
      sent.filter(
        (activity) =>
          activity.body.type !== 'typing' && (!conversationId || activity.conversationId === conversationId),
      ),
    clear: () => {
      sent.length = 0;
      refused.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The `streaminfo` entity of a streaming activity, if it is one. */
export function streamInfo(
  body: Record<string, unknown>,
): { streamType?: string; streamId?: string; streamSequence?: number } | undefined {
  const entities = Array.isArray(body.entities) ? (body.entities as Record<string, unknown>[]) : [];
  return entities.find((entity) => entity?.type === 'streaminfo') as
    | { streamType?: string; streamId?: string; streamSequence?: number }
    | undefined;
}

/** Why Teams would refuse a streaming activity (its own error codes and messages), or undefined. */
function streamProblem(
  body: Record<string, unknown>,
  stream: { streamType?: string; streamId?: string; streamSequence?: number },
): { code: string; message: string } | undefined {
  if (body.type === 'typing') {
    if (
      (stream.streamType !== 'informative' && stream.streamType !== 'streaming') ||
      typeof stream.streamSequence !== 'number'
    )
      return {
        code: 'BadSyntax',
        message: 'Only start streaming and continue streaming types are allowed as a typing activity',
      };
    if (stream.streamSequence > 1 && !stream.streamId)
      return { code: 'BadArgument', message: 'streamId is required after the first streaming activity' };
    return undefined;
  }
  if (stream.streamType !== 'final' || !stream.streamId)
    return {
      code: 'BadArgument',
      message: 'a final streaming message needs streamType final and a streamId',
    };
  if (typeof body.text !== 'string' || !body.text.trim())
    return { code: 'BadArgument', message: 'the final streaming message needs text' };
  return undefined;
}
