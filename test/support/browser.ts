/**
 * A real headless browser for tests of what a person sees: Chromium from
 * Debian's packages, driven by playwright-core, kept off the network. Every
 * request a page makes to anything but 127.0.0.1 is refused and recorded,
 * and DNS resolves nothing else, so a page that needs the internet fails
 * here as it would on an air-gapped install.
 *
 * Without /usr/bin/chromium (a user's machine) the tests skip and say why;
 * .ci/run installs it, and under CI a missing browser fails instead.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Why browser tests cannot run here, or undefined when they can. */
export function browserSkipReason(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing under CI: .ci/run should have installed it (apt-get install chromium)`);
  return `no Chromium at ${CHROMIUM} (apt-get install -y chromium; .ci/run installs it)`;
}

/** For a closed network: nothing in the background, no first-run work, no QUIC, no DNS beyond loopback. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

export interface OfflineBrowser {
  readonly context: BrowserContext;
  /** Every URL a page tried to reach beyond 127.0.0.1 (each was refused). */
  readonly refused: readonly string[];
  close(): Promise<void>;
}

/** Chromium with a fresh profile of its own (deleted on close), its pages confined to 127.0.0.1. */
export async function launchOfflineBrowser(): Promise<OfflineBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'authline-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 720 },
  });
  const refused: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).hostname === '127.0.0.1') return route.continue();
    refused.push(url);
    return route.abort('blockedbyclient');
  });
  return {
    context,
    refused,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
