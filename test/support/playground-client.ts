/**
 * Drives a running Agents Playground the way its web client does, without a browser: messages are posted to
 * `/_conversation/v1/conversations/<id>/messages`, card clicks to `/_conversation/v1/invoke`, and what the bot
 * sends back is read from the Playground's own conversation stream (`/_ws_conversation/v1/conversations/stream`,
 * the WebSocket the web client renders from). So a test sees exactly what an analyst in the Playground sees.
 */
import WebSocket from 'ws';
import { z } from 'zod/v4';

const streamEventSchema = z.object({
  action: z.string(),
  actionConversationId: z.string(),
  message: z
    .object({
      messageId: z.string(),
      from: z.object({ id: z.string() }).optional(),
      text: z.string().optional(),
      attachments: z.array(z.object({ contentType: z.string(), content: z.unknown() })).optional(),
    })
    .passthrough(),
});
export type PlaygroundMessage = z.infer<typeof streamEventSchema>['message'];

const configSchema = z.object({
  config: z.object({
    bot: z.object({ id: z.string(), name: z.string() }),
    currentUser: z.object({ id: z.string() }),
    teams: z.array(
      z.object({ id: z.string(), channels: z.array(z.object({ id: z.string(), name: z.string() })) }),
    ),
    personalChat: z.object({ id: z.string() }),
  }),
});

export interface PlaygroundClient {
  config: z.infer<typeof configSchema>['config'];
  /**
   * Posts `text` as the current user (with the bot @mentioned in a channel) and resolves with the first bot
   * message carrying an Adaptive Card in the conversation the post created (a channel thread) or in `conversationId`.
   */
  ask(
    conversationId: string,
    text: string,
    options?: { mention?: boolean; timeoutMs?: number },
  ): Promise<AskResult>;
  /**
   * Clicks an `Action.Execute` on the card of message `replyToId` as the current user; resolves with the invoke
   * response the Playground got from the bot.
   */
  invoke(
    conversationId: string,
    replyToId: string,
    verb: string,
    data: Record<string, unknown>,
  ): Promise<unknown>;
  /** Every bot message seen in a conversation so far (latest version of each). */
  messages(conversationId: string): PlaygroundMessage[];
  /** Resolves with the first new bot message in `conversationId` that `match` accepts. */
  waitFor(
    conversationId: string,
    match: (message: PlaygroundMessage) => boolean,
    timeoutMs?: number,
  ): Promise<PlaygroundMessage>;
  close(): void;
}

export interface AskResult {
  /** The conversation the bot answered in (a channel post's thread id). */
  conversationId: string;
  /** The card message's id, for clicks on it. */
  messageId: string;
  card: Record<string, unknown>;
}

/** Connects to the Playground at `baseUrl` (`http://localhost:56150`). */
export async function connectPlayground(baseUrl: string): Promise<PlaygroundClient> {
  const { config } = configSchema.parse(await (await fetch(`${baseUrl}/_internal/v1/config`)).json());
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/_ws_conversation/v1/conversations/stream`);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const byConversation = new Map<string, Map<string, PlaygroundMessage>>();
  const listeners = new Set<() => void>();
  socket.on('message', (raw) => {
    const event = streamEventSchema.safeParse(JSON.parse(String(raw)));
    if (!event.success || event.data.message.from?.id !== config.bot.id) return;
    const messages = byConversation.get(event.data.actionConversationId) ?? new Map();
    messages.set(event.data.message.messageId, event.data.message);
    byConversation.set(event.data.actionConversationId, messages);
    for (const listener of listeners) listener();
  });

  const messages = (conversationId: string) => [...(byConversation.get(conversationId)?.values() ?? [])];

  const waitFor: PlaygroundClient['waitFor'] = (conversationId, match, timeoutMs = 20_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = messages(conversationId).find(match);
        if (!found) return false;
        cleanup();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no matching bot message in ${conversationId} within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(listener);
      };
      const listener = () => void check();
      listeners.add(listener);
      check();
    });

  const post = async (conversationId: string, body: unknown) => {
    const response = await fetch(
      `${baseUrl}/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    );
    if (!response.ok)
      throw new Error(`Playground refused the message: ${response.status} ${await response.text()}`);
    return z.object({ postConversationId: z.string().optional() }).parse(await response.json());
  };

  return {
    config,
    async ask(conversationId, text, options = {}) {
      const mention = options.mention ?? conversationId.endsWith('@thread.tacv2');
      const before = new Set(messages(conversationId).map((message) => message.messageId));
      const posted = await post(
        conversationId,
        mention
          ? {
              from: { id: config.currentUser.id },
              text: `<at>${config.bot.name}</at> ${text}`,
              textFormat: 'plain',
              mentions: [{ mentioned: { id: config.bot.id }, text: `<at>${config.bot.name}</at>` }],
            }
          : { from: { id: config.currentUser.id }, text, textFormat: 'plain' },
      );
      const answeredIn = posted.postConversationId ?? conversationId;
      const message = await waitFor(
        answeredIn,
        (candidate) => !before.has(candidate.messageId) && cardIn(candidate) !== undefined,
        options.timeoutMs,
      );
      return { conversationId: answeredIn, messageId: message.messageId, card: cardIn(message) ?? {} };
    },
    async invoke(conversationId, replyToId, verb, data) {
      const response = await fetch(`${baseUrl}/_conversation/v1/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb, data } },
          from: { id: config.currentUser.id },
          conversation: { id: conversationId },
          replyToId,
        }),
      });
      return response.json();
    },
    messages,
    waitFor,
    close: () => socket.close(),
  };
}

/** The Adaptive Card a bot message carries, if any. */
export function cardIn(message: PlaygroundMessage): Record<string, unknown> | undefined {
  const attachment = message.attachments?.find(
    (candidate) => candidate.contentType === 'application/vnd.microsoft.card.adaptive',
  );
  return attachment?.content as Record<string, unknown> | undefined;
}
