/**
 * The model (or the rules planner) can only propose: the one place in Ward's source that runs a plugin
 * action is the guarded click flow, and nothing on the question path reaches it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../../../src');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles(root).map((path) => ({
  path: relative(root, path),
  text: readFileSync(path, 'utf8'),
}));

describe('only a human click executes an action', () => {
  it('runs plugin actions in exactly one module: the guarded click flow', () => {
    const running = files
      .filter(({ text }) => /\.action\.run\(|\baction\.run\(/.test(text))
      .map(({ path }) => path);
    expect(running).toEqual(['core/actions/handle-action-click.ts']);
  });

  it('keeps the question path (planners, grounding, orchestrator, post-processing) away from actions', () => {
    const questionPath = files.filter(({ path }) =>
      /^core\/(planner\/|grounding\/|orchestrator\.ts|postprocess\.ts|record-answer\.ts)/.test(path),
    );
    expect(questionPath.length).toBeGreaterThan(5);
    for (const { path, text } of questionPath) {
      expect(text, path).not.toMatch(
        /handle-action-click|registry\.action\(|\.run\(\s*input.*idempotencyKey/,
      );
    }
  });
});
