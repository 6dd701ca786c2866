/**
 * `node bin/authline.js` for the example tests, from src/ rather than the
 * compiled dist/: the same main(), so a test of one file needs no build.
 */
import { main } from '../../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
