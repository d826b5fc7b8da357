/**
 * The other half of the closed loop: when the guarded action `entra.dismissRisk` succeeds with the
 * false-positive reason, the answer that proposed it was wrong about that user, and the dismissal becomes a
 * labelled case (the user must not be rated high or critical, and no containment may be proposed for them).
 * Wraps the click handler, so the guarded flow itself is unchanged: the case is recorded after the action
 * finished, before the caller's completion resolves, and a failure to record it is logged, never turned into
 * a failed action. A benign dismissal is not a label: the risk was real, just expected.
 */
import type { Logger } from 'pino';
import type { Store } from '../../store/create-store.js';
import type { PendingActionRow } from '../../store/pending-actions.js';
import type { ActionClickHandler } from '../actions/handle-action-click.js';
import { dismissedFalsePositiveExpectation } from './case-expectation.js';

/** The action and the reason value that label a case. */
export const DISMISS_RISK_ACTION = 'entra.dismissRisk';
export const FALSE_POSITIVE_REASON = 'falsePositive';

/** The click handler, recording a labelled case for each risk dismissed as a false positive. */
export function labelFalsePositiveDismissals(
  clicks: ActionClickHandler,
  options: { store: Store; log: Logger },
): ActionClickHandler {
  return {
    async handle(click) {
      const outcome = await clicks.handle(click);
      if (outcome.kind !== 'executing' || outcome.pending.action !== DISMISS_RISK_ACTION) return outcome;
      return {
        ...outcome,
        completion: outcome.completion.then(async (done) => {
          if (isFalsePositiveDismissal(done.pending)) {
            try {
              await recordDismissalCase(options.store, done.pending);
            } catch (error) {
              options.log.warn(
                { err: error, pendingActionId: done.pending.id },
                'could not record the false-positive dismissal as a labelled case',
              );
            }
          }
          return done;
        }),
      };
    },
  };
}

/** Whether the action is a succeeded risk dismissal with the false-positive reason. */
export function isFalsePositiveDismissal(pending: PendingActionRow): boolean {
  return (
    pending.action === DISMISS_RISK_ACTION &&
    pending.status === 'succeeded' &&
    pending.input.reason === FALSE_POSITIVE_REASON
  );
}

/** Records (or refreshes) the labelled case of one false-positive dismissal. */
export async function recordDismissalCase(store: Store, pending: PendingActionRow): Promise<void> {
  const by = pending.requestedBy?.name ?? pending.executedBy?.name ?? null;
  await store.labelledCases.record({
    answerId: pending.answerId,
    kind: 'dismissed-false-positive',
    source: `action:${pending.id}`,
    label: {
      by,
      action: {
        pendingActionId: pending.id,
        action: pending.action,
        target: pending.target,
        reason: FALSE_POSITIVE_REASON,
      },
      expected: dismissedFalsePositiveExpectation(pending.target.id, pending.target.displayName ?? undefined),
    },
  });
}
