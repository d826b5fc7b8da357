/**
 * Shows "Ward is typing…" at once and keeps it alive while an answer is being worked out. Per turn, unlike
 * Teams AI's own typing timer, which is one timer per application and skips concurrent conversations.
 * A failed typing send never fails the answer.
 */
import { ActivityTypes, type TurnContext } from 'botbuilder';

const REPEAT_MS = 3_000;

export async function whileTyping<T>(context: TurnContext, work: () => Promise<T>): Promise<T> {
  let stopped = false;
  let pending: Promise<unknown> = Promise.resolve();
  const send = () => {
    pending = context.sendActivity({ type: ActivityTypes.Typing }).catch(() => undefined);
  };
  send();
  await pending;
  const timer = setInterval(() => {
    if (!stopped) send();
  }, REPEAT_MS);
  try {
    return await work();
  } finally {
    stopped = true;
    clearInterval(timer);
    await pending;
  }
}
