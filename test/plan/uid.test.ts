import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatUid, parseUid } from '../../src/plan/index.js';

test('uids parse as Go\'s strconv.ParseUint(s, 0, 64) does', () => {
  const cases: [string, string | undefined][] = [
    ['0x1f', '31'],
    ['0X1F', '31'],
    ['31', '31'],
    ['0o37', '31'],
    ['037', '31'],
    ['0b11111', '31'],
    ['0x_1f', '31'],
    ['1_000', '1000'],
    ['0', '0'],
    ['0x0', '0'],
    ['18446744073709551615', '18446744073709551615'],
    ['0xffffffffffffffff', '18446744073709551615'],
    ['18446744073709551616', undefined],
    ['0x', undefined],
    ['08', undefined],
    ['-1', undefined],
    ['+1', undefined],
    ['1__0', undefined],
    ['_1', undefined],
    ['1_', undefined],
    [' 1', undefined],
    ['0x1g', undefined],
    ['alice', undefined],
    ['', undefined],
  ];
  for (const [text, expected] of cases) assert.equal(parseUid(text), expected, text);
});

test('uids are shown in hex', () => {
  assert.equal(formatUid('31'), '0x1f');
  assert.equal(formatUid('18446744073709551615'), '0xffffffffffffffff');
  assert.equal(formatUid(0n), '0x0');
});
