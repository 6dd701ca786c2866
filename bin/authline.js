#!/usr/bin/env node
// The authline command. Its code is the TypeScript in src/, compiled to dist/
// by `npm run build` (which `npm ci` runs through the prepare script).
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (err) {
  if (err?.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli/main.js')) {
    process.stderr.write('authline is not built yet: run `npm run build` (npm ci runs it for you).\n');
    process.exit(1);
  }
  throw err;
}
process.exitCode = await cli.main(process.argv.slice(2));
