/**
 * Test support: parses a rendered card with the `adaptivecards` SDK at schema version 1.5 and collects every
 * parse and validation problem. Only for tests: Ward never parses its own cards at run time.
 */
import { createRequire } from 'node:module';
import type * as AdaptiveCardsModule from 'adaptivecards';

const require = createRequire(import.meta.url);
// `adaptivecards/lib` is ESM with extensionless imports that Node cannot load; the UMD bundle in `dist/`
// loads with require and parses and validates without a DOM (only rendering needs `document`).
const AdaptiveCards = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCardsModule;

/** Problems the SDK reports for `json` at version 1.5: unknown elements, invalid values, bad structure. */
export function adaptiveCardProblems(json: object): string[] {
  const card = new AdaptiveCards.AdaptiveCard();
  const context = new AdaptiveCards.SerializationContext(AdaptiveCards.Versions.v1_5);
  card.parse(json, context);
  const problems: string[] = [];
  for (let index = 0; index < context.eventCount; index++) {
    problems.push(`parse: ${context.getEventAt(index).message}`);
  }
  for (const event of card.validateProperties().validationEvents) {
    problems.push(`validate: ${event.message}`);
  }
  return problems;
}
