/**
 * `npm run plugins:check` (scripts/check-manifests.ts) as an admin runs it: "N plugins, M skills OK" and exit 0
 * for a valid folder, every problem located and exit 1 for an invalid one.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);

async function check(folder: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node_modules/.bin/tsx', ['scripts/check-manifests.ts', folder], {
      env: { PATH: process.env.PATH, TENANT_MODE: 'demo' },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ward-plugins-check-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('npm run plugins:check', () => {
  it('says how many plugins and skills are valid, and exits 0', async () => {
    const result = await check('plugins/custom');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^plugins\/custom: 1 plugin, 3 skills OK$/m);
    expect(result.stdout).toMatch(/contoso-hunting\.legacyAuthSignIns \(kql\): "legacy auth sign-ins"/);
  }, 60_000);

  it('prints each problem located and exits 1', async () => {
    await writeFile(
      join(folder, 'broken.yaml'),
      'name: broken\ndisplayName: B\nversion: 1.0.0\ndescription: B.\nskills:\n  - kind: kql\n    name: broken\n    description: x\n    timespan: P1D\n    query: |\n      SigninLogs | where {{who}} == 1\n',
    );
    const result = await check(folder);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Custom plugin manifests are invalid:$/m);
    expect(result.stderr).toMatch(/broken\.yaml:11:26 skills\.0\.query: \{\{who\}\} names no parameter/);
  }, 60_000);
});
