import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import {
  describeManifestProblems,
  MAX_MANIFEST_BYTES,
  parseManifest,
} from '../../../src/manifests/parse-manifest.js';

const schema = z.strictObject({
  name: z.string().regex(/^[a-z-]+$/),
  skills: z.array(z.strictObject({ name: z.string(), query: z.string() })).min(1),
});

function problems(text: string) {
  const parsed = parseManifest(text, 'plugins/custom/hunts.yaml', schema);
  if (parsed.ok) throw new Error('expected problems');
  return describeManifestProblems(parsed.problems).split('\n');
}

describe('parseManifest', () => {
  it('returns the validated value and can locate its fields', () => {
    const text = 'name: hunts\nskills:\n  - name: a\n    query: |\n      SigninLogs\n      | take 1\n';
    const parsed = parseManifest(text, 'hunts.yaml', schema);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.skills[0]?.query).toBe('SigninLogs\n| take 1\n');
    expect(parsed.at(['skills', 0, 'query'])).toEqual({ line: 4, column: 5 });
    expect(parsed.at(['name'])).toEqual({ line: 1, column: 1 });
  });

  it('reads JSON as YAML', () => {
    const parsed = parseManifest('{"name": "x", "skills": [{"name": "a", "query": "q"}]}', 'x.json', schema);
    expect(parsed.ok).toBe(true);
  });

  it('locates a schema problem deep in the file, by field', () => {
    expect(problems('name: hunts\nskills:\n  - name: a\n    query: q\n  - name: b\n    query: 42\n')).toEqual(
      ['plugins/custom/hunts.yaml:6:5 skills.1.query: Invalid input: expected string, received number'],
    );
  });

  it('points an unknown key (a typo) at the key itself', () => {
    const [line] = problems('name: hunts\nskills:\n  - name: a\n    query: q\n    qurey: r\n');
    expect(line).toMatch(/^plugins\/custom\/hunts\.yaml:5:5 skills\.0: Unrecognized key: "qurey"$/);
  });

  it('points a missing field at the object that lacks it', () => {
    const [line] = problems('name: hunts\nskills:\n  - name: a\n');
    expect(line).toMatch(/^plugins\/custom\/hunts\.yaml:3:5 skills\.0\.query: /);
  });

  it('reports every problem, not just the first', () => {
    expect(problems('name: Hunts\nskills: []\n')).toHaveLength(2);
  });

  it('reports YAML syntax errors with their line', () => {
    const lines = problems('name: hunts\nskills:\n  - name: a\n    query: [unclosed\n');
    expect(lines[0]).toMatch(/^plugins\/custom\/hunts\.yaml:\d+:\d+ YAML: /);
  });

  it('refuses a key given twice instead of silently keeping the last', () => {
    const lines = problems('name: hunts\nname: other\nskills: []\n');
    expect(lines[0]).toMatch(/^plugins\/custom\/hunts\.yaml:2:1 YAML: Map keys must be unique/);
  });

  it('refuses an alias bomb without expanding it', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 12; level++)
      bomb.push(
        `${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + level)}`)
          .join(', ')}]`,
      );
    const lines = problems(bomb.join('\n'));
    expect(lines[0]).toMatch(/YAML: .*(alias|Excessive)/i);
  });

  it('refuses a file larger than the limit', () => {
    const lines = problems(`name: x\n# ${'y'.repeat(MAX_MANIFEST_BYTES)}\n`);
    expect(lines).toEqual([`plugins/custom/hunts.yaml:1:1 is larger than ${MAX_MANIFEST_BYTES / 1024} KB`]);
  });

  it('does not construct objects from custom tags', () => {
    const lines = problems('name: !!js/function "function () {}"\nskills: []\n');
    expect(lines.join('\n')).toMatch(/hunts\.yaml:\d+:\d+ /);
  });
});
