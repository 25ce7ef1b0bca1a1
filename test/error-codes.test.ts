// The README lists every coded error; this keeps the two in sync (as fastify does for its error catalogue).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');

function codesIn(file: string, prefix: string): string[] {
  const text = readFileSync(new URL(file, root), 'utf8');
  return [...new Set(text.match(new RegExp(`'${prefix}[A-Z_]+'`, 'g')) ?? [])].map((quoted) => quoted.slice(1, -1));
}

function codesInReadme(prefix: string): string[] {
  return [...new Set(readme.match(new RegExp(`\`${prefix}[A-Z_]+\``, 'g')) ?? [])].map((quoted) => quoted.slice(1, -1));
}

describe('error codes', () => {
  for (const [file, prefix] of [['src/errors.ts', 'COLLECTOR_ERR_'], ['harness/errors.ts', 'SOAK_ERR_']] as const) {
    it(`${file} and the README list the same ${prefix}* codes`, () => {
      const declared = codesIn(file, prefix).sort();
      expect(declared.length).toBeGreaterThan(0);
      expect(codesInReadme(prefix).sort()).toEqual(declared);
    });
  }
});
