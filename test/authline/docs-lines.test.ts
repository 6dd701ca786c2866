/**
 * Every complete `# Dgraph.Authorization` line the docs show loads as
 * written (placeholders such as YOUR_TENANT are valid URL text). Lines
 * with an elided key (`...`) or the legacy form's `<angle>` placeholders
 * are illustrations, not lines, and are skipped.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readAuthorization } from '../../src/authline/index.js';

for (const doc of ['docs/providers.md', 'docs/auth-line.md']) {
  describe(doc, () => {
    const lines = readFileSync(doc, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('# Dgraph.Authorization {') && !line.includes('...'));
    test('has lines to check', () => assert.ok(lines.length > 0));
    for (const line of lines) {
      test(line.slice(23, 110), () => {
        const { config, errors } = readAuthorization(`type T { id: ID! }\n${line}\n`);
        assert.deepEqual(errors.map((e) => e.message), []);
        assert.ok(config);
      });
    }
  });
}
