/**
 * Adds a fault rule to a demo tenant through its control endpoint (`POST /_demo/faults`), as the client and
 * contract tests do before exercising a failure; the rule must be accepted (201).
 */
import { expect } from 'vitest';

/** Adds `rule` to the demo tenant at `demoUrl` and checks it was accepted. */
export async function addDemoFault(demoUrl: string, rule: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${demoUrl}/_demo/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rule),
  });
  expect(response.status).toBe(201);
}
