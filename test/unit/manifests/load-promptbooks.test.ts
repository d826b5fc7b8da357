import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILT_IN_PROMPTBOOKS } from '../../../src/core/promptbooks/built-in-promptbooks.js';
import { ManifestError } from '../../../src/manifests/load-manifest-folder.js';
import { loadPromptbooks } from '../../../src/manifests/load-promptbooks.js';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ward-promptbooks-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const triage = `name: phishing-triage
title: Phishing triage
parameters:
  - name: upn
    description: the reporter's UPN
steps:
  - title: Risk
    prompt: is {upn} compromised?
`;

async function failure(): Promise<string> {
  const error = await loadPromptbooks(folder).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ManifestError);
  return (error as ManifestError).message;
}

describe('loadPromptbooks', () => {
  it('is the built-in books when the folder does not exist', async () => {
    expect(await loadPromptbooks(join(folder, 'missing'))).toEqual(BUILT_IN_PROMPTBOOKS);
  });

  it('adds one book per file after the built-in ones, ignoring other files', async () => {
    await writeFile(join(folder, 'phishing.yaml'), triage);
    await writeFile(join(folder, 'README.md'), '# not a book');
    const books = await loadPromptbooks(folder);
    expect(books.map((book) => book.name)).toEqual([
      ...BUILT_IN_PROMPTBOOKS.map((book) => book.name),
      'phishing-triage',
    ]);
  });

  it('refuses a name a built-in book has, pointing at the name', async () => {
    await writeFile(
      join(folder, 'mine.yaml'),
      `# my version\n${triage.replace('phishing-triage', 'investigate-user')}`,
    );
    expect(await failure()).toMatch(
      /mine\.yaml:2:1 name: "investigate-user" is already the name of a built-in promptbook/,
    );
  });

  it('refuses two files with one name, naming the first file', async () => {
    await writeFile(join(folder, 'a.yaml'), triage);
    await writeFile(join(folder, 'b.yml'), triage);
    expect(await failure()).toMatch(/b\.yml:1:1 name: "phishing-triage" is already the name of .*a\.yaml/);
  });

  it('locates a placeholder that is not a parameter, and every problem in every file', async () => {
    await writeFile(
      join(folder, 'a.yaml'),
      triage.replace('is {upn} compromised?', 'is {user} compromised?'),
    );
    await writeFile(
      join(folder, 'b.yaml'),
      `${triage.replace('phishing-triage', 'other')}  - title: Devices\n    prompt: x\n    promt: y\n`,
    );
    const message = await failure();
    expect(message).toMatch(/a\.yaml:8:5 steps\.0\.prompt: \{user\} is not a parameter of phishing-triage/);
    expect(message).toMatch(/b\.yaml:11:5 steps\.1: Unrecognized key: "promt"/);
  });

  it('loads the promptbooks shipped in the repository', async () => {
    const books = await loadPromptbooks('promptbooks');
    expect(books.map((book) => book.name)).toEqual(
      expect.arrayContaining(['morning-triage', 'investigate-device']),
    );
  });
});
