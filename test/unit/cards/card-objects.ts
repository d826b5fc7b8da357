/**
 * Test support: walks a rendered card so tests can find its elements, text and buttons by type.
 * Only for tests; it reads cards and never builds them.
 */

/** Any object inside a card: an element, an action, a fact, a column. */
export type CardObject = Record<string, unknown>;

/** Every object in the card, depth first. */
export function allObjects(value: unknown, found: CardObject[] = []): CardObject[] {
  if (Array.isArray(value)) for (const item of value) allObjects(item, found);
  else if (typeof value === 'object' && value !== null) {
    found.push(value as CardObject);
    for (const item of Object.values(value)) allObjects(item, found);
  }
  return found;
}

/** Every object of one `type` (`TextBlock`, `Action.Execute`, ...), depth first. */
export function ofType(card: unknown, type: string): CardObject[] {
  return allObjects(card).filter((object) => object.type === type);
}

/** The text of every TextBlock, in card order. */
export function texts(card: unknown): string[] {
  return ofType(card, 'TextBlock').map((block) => String(block.text));
}
