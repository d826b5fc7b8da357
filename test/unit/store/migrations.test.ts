import { describe, expect, it } from 'vitest';
import { migrations } from '../../../src/store/migrations/run-migrations.js';

describe('the migration list', () => {
  it('is ordered by strictly increasing version, starting at 1, with unique kebab-case names', () => {
    expect(migrations[0]?.version).toBe(1);
    for (let index = 1; index < migrations.length; index += 1) {
      expect(migrations[index]!.version).toBeGreaterThan(migrations[index - 1]!.version);
    }
    const names = migrations.map((migration) => migration.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('never wraps its SQL in its own transaction (the runner does)', () => {
    for (const migration of migrations) {
      // A PL/pgSQL body's BEGIN … END is a block, not a transaction: look outside dollar-quoted bodies.
      const outsideBodies = migration.sql.replace(/\$\$[\s\S]*?\$\$/g, '$$$$');
      expect(outsideBodies).not.toMatch(/\b(BEGIN|COMMIT|ROLLBACK)\b/i);
    }
  });
});
