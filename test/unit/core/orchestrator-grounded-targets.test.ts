/**
 * Which targets may get action buttons: the user the question names, and what a deterministic planner
 * grounded itself for this question — never a target that only a planner's proposal names.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { AnswerDraft } from '../../../src/core/answer.js';
import { type AnswerRecorder, createOrchestrator } from '../../../src/core/orchestrator.js';
import type { Planner, PlanOutcome } from '../../../src/core/planner/planner.js';
import { createPluginRegistry } from '../../../src/core/plugin-registry.js';

const RESOURCE =
  '/subscriptions/1/resourceGroups/web/providers/Microsoft.Compute/virtualMachines/web-prod-01';
const OTHER = '/subscriptions/1/resourceGroups/web/providers/Microsoft.Compute/virtualMachines/db-prod-01';

function draft(): AnswerDraft {
  const proposal = (id: string) => ({
    action: 'defender-cloud.assignOwner',
    title: 'Assign owner',
    destructive: false,
    target: { kind: 'resource' as const, id },
    why: 'Exposed with a critical recommendation.',
  });
  return {
    intent: 'cloud-posture',
    title: 'Exposed resources',
    summary: 'One VM is exposed.',
    riskLevel: 'high',
    proposedActions: [proposal(RESOURCE), proposal(OTHER)],
    planner: 'rules',
  };
}

async function ask(outcome: PlanOutcome) {
  const planner: Planner = { name: 'rules', plan: async () => outcome };
  const recorded: string[][] = [];
  const recorder: AnswerRecorder = {
    async record({ answer }) {
      recorded.push(answer.proposedActions.map((proposal) => proposal.target.id));
      return { answerId: 'a1', createdAt: new Date(), actions: [] };
    },
  };
  const orchestrator = createOrchestrator({
    registry: createPluginRegistry([]),
    planner,
    recorder,
    log: pino({ level: 'silent' }),
    deadlineMs: 5_000,
  });
  await orchestrator.ask({
    id: 't1',
    user: { id: '29:p' },
    conversation: { id: 'c1', kind: 'channel' },
    text: 'show critical risks for publicly exposed resources',
  });
  return recorded[0];
}

describe('grounded targets', () => {
  it('keeps proposals on targets the planner grounded, and drops the rest', async () => {
    expect(await ask({ kind: 'answer', draft: draft(), groundedTargets: [RESOURCE] })).toEqual([RESOURCE]);
  });

  it('drops every proposal whose target nothing grounded', async () => {
    expect(await ask({ kind: 'answer', draft: draft() })).toEqual([]);
  });
});
