/**
 * Defender for Cloud's secure score as ARM serves it (api-version 2020-01-01):
 * `GET /subscriptions/{id}/providers/Microsoft.Security/secureScores[/{name}]` (only `ascScore` exists) and
 * `GET .../secureScores/ascScore/secureScoreControls` or `.../secureScoreControls` (`$expand=definition`),
 * computed from the current assessments, so a remediation shows in the score at once.
 * It never writes.
 */
import type { DemoServiceRequest, DemoServiceResponse } from '../demo-service.js';
import { ArmHttpError } from './arm-error.js';
import { armPage } from './arm-paging.js';
import { type ControlScore, computeSecureScore } from './compute-secure-score.js';
import type { DemoDefenderForCloud } from './defender-for-cloud-state.js';

/** The one built-in secure score initiative. */
export const ASC_SCORE = 'ascScore';

function scoreRoot(defender: DemoDefenderForCloud): string {
  return `/subscriptions/${defender.subscription.subscriptionId}/providers/Microsoft.Security/secureScores`;
}

function secureScoreOnWire(defender: DemoDefenderForCloud): Record<string, unknown> {
  const score = computeSecureScore(defender);
  return {
    id: `${scoreRoot(defender)}/${ASC_SCORE}`,
    name: ASC_SCORE,
    type: 'Microsoft.Security/secureScores',
    properties: {
      displayName: 'ASC score',
      score: { max: score.max, current: score.current, percentage: score.percentage },
      weight: score.weight,
    },
  };
}

function controlOnWire(
  defender: DemoDefenderForCloud,
  control: ControlScore,
  withDefinition: boolean,
): Record<string, unknown> {
  const { name, displayName, description, maxScore } = control.control;
  const properties: Record<string, unknown> = {
    displayName,
    healthyResourceCount: control.healthyResourceCount,
    unhealthyResourceCount: control.unhealthyResourceCount,
    notApplicableResourceCount: control.notApplicableResourceCount,
    score: { max: control.max, current: control.current, percentage: control.percentage },
    weight: control.healthyResourceCount + control.unhealthyResourceCount,
  };
  if (withDefinition) {
    properties.definition = {
      id: `/providers/Microsoft.Security/secureScoreControlDefinitions/${name}`,
      name,
      type: 'Microsoft.Security/secureScoreControlDefinitions',
      properties: {
        source: { sourceType: 'BuiltIn' },
        displayName,
        description,
        maxScore,
        assessmentDefinitions: defender.assessmentMetadata
          .filter((m) => m.controlName === name)
          .map((m) => ({ id: `/providers/Microsoft.Security/assessmentMetadata/${m.name}` })),
      },
    };
  }
  return {
    id: `${scoreRoot(defender)}/${ASC_SCORE}/secureScoreControls/${name}`,
    name,
    type: 'Microsoft.Security/secureScores/secureScoreControls',
    properties,
  };
}

/** `GET .../secureScores` */
export function listSecureScores(
  request: DemoServiceRequest,
  defender: DemoDefenderForCloud,
): DemoServiceResponse {
  return { status: 200, body: armPage(request, [secureScoreOnWire(defender)], 100) };
}

/** `GET .../secureScores/{name}` */
export function getSecureScore(defender: DemoDefenderForCloud, name: string): DemoServiceResponse {
  checkScoreName(name);
  return { status: 200, body: secureScoreOnWire(defender) };
}

/** `GET .../secureScores/{name}/secureScoreControls` and `GET .../secureScoreControls` */
export function listSecureScoreControls(
  request: DemoServiceRequest,
  defender: DemoDefenderForCloud,
  name: string = ASC_SCORE,
): DemoServiceResponse {
  checkScoreName(name);
  const expand = (request.query.get('$expand') ?? '').trim().toLowerCase();
  if (expand !== '' && expand !== 'definition') {
    throw new ArmHttpError(
      400,
      'InvalidExpandParameter',
      `The $expand value '${expand}' is not valid. The valid value is 'definition'.`,
    );
  }
  const controls = computeSecureScore(defender).controls.map((c) =>
    controlOnWire(defender, c, expand === 'definition'),
  );
  return { status: 200, body: armPage(request, controls, 100) };
}

function checkScoreName(name: string): void {
  if (name.toLowerCase() !== ASC_SCORE.toLowerCase()) {
    throw new ArmHttpError(
      404,
      'ResourceNotFound',
      `The Resource 'Microsoft.Security/secureScores/${name}' was not found. The only secure score is '${ASC_SCORE}'.`,
    );
  }
}
