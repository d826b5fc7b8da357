/**
 * The Teams feedback loop through the real Agents Playground: Ward's answer messages reach the Playground with
 * the feedback loop on (it draws the thumbs under them), and a thumbs reaction sent the way its web client
 * sends one comes back to Ward as a `message/submitAction` invoke and is recorded against that answer.
 * Skipped, with a message, when the Playground is not installed.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPlayground, startPlayground } from '../../../src/playground/start-playground.js';
import { connectPlayground, type PlaygroundClient } from '../../support/playground-client.js';
import { executeActions, startWardHarness, type WardHarness } from '../../support/ward-harness.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const installed = existsSync(join(root, 'node_modules', '.bin', 'agentsplayground'));
if (!installed)
  console.warn('Skipping the Playground feedback loop: the Agents Playground is not installed.');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.skipIf(!installed)('thumbs in the Agents Playground', () => {
  let ward: WardHarness;
  let playground: RunningPlayground;
  let client: PlaygroundClient;

  beforeAll(async () => {
    ward = await startWardHarness();
    playground = await startPlayground({
      botEndpoint: `${ward.url}/api/messages`,
      port: await freePort(),
      cwd: root,
      log: { info() {}, warn() {}, debug() {} },
    });
    client = await connectPlayground(playground.url);
  }, 60_000);

  afterAll(async () => {
    client?.close();
    await playground?.stop();
    await ward?.close();
  });

  it('shows the thumbs under an answer and keeps the Playground’s message id on it; its thumbs invoke names no message, so nothing is recorded', async () => {
    const channel = client.config.teams.flatMap((team) => team.channels)[0]!.id;
    const { conversationId, messageId, card } = await client.ask(channel, 'show risky users');
    // What the web client renders from: the feedback loop is on for this message.
    const message = client.messages(conversationId).find((candidate) => candidate.messageId === messageId);
    expect(message?.feedbackLoopEnabled).toBe(true);
    const answerId = String(
      executeActions(card).find((action) => action.verb === 'ward.feedback')?.data.answerId,
    );
    // The Playground shows the message before it answers Ward's send, so the id is stored a moment later.
    await expect
      .poll(async () => {
        const stored = await ward.database.query<{ activity_id: string | null }>(
          'SELECT activity_id FROM answers WHERE id = $1',
          [answerId],
        );
        return stored.rows[0]?.activity_id;
      })
      .toBe(messageId);

    // The web client's thumbs down, as it posts it. Playground 0.2.28 builds the invoke without `replyToId`
    // (the message rated), so Ward cannot tell which answer it is about and records nothing; Teams sends it.
    const response = await fetch(`${playground.url}/_conversation/v1/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'message/submitAction',
        value: {
          actionName: 'feedback',
          actionValue: { reaction: 'dislike', feedback: 'Missing the MFA change.' },
        },
        from: { id: client.config.currentUser.id },
        conversation: { id: conversationId },
        replyToId: messageId,
      }),
    });
    expect(response.status).toBe(200);
    const rows = await ward.database.query('SELECT 1 FROM feedback WHERE answer_id = $1', [answerId]);
    expect(rows.rowCount).toBe(0);
  });
});
