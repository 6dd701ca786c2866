/** Checks of store errors for assert.rejects. */
import assert from 'node:assert/strict';
import { MutationInputError } from '../../../src/store/errors.js';

/** A MutationInputError with exactly these reasons (a mismatch fails with the difference). */
export function inputError(...reasons: string[]) {
  return (e: unknown) => {
    assert.ok(e instanceof MutationInputError, String(e));
    assert.deepEqual(e.reasons, reasons);
    return true;
  };
}
