/**
 * Finds PEM blocks the way Go's pem.Decode does for Dgraph: a block whose
 * base64 body does not decode is skipped, and text around blocks is
 * ignored. Only the bytes are returned; what they hold is decided by trying
 * parsers, as Go does, not by the label.
 */

export interface PemBlock {
  readonly label: string;
  readonly der: Buffer;
}

const BLOCK = /-----BEGIN ([^\r\n-]+)-----([\s\S]*?)-----END \1-----/g;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function firstPemBlock(text: string): PemBlock | null {
  for (const [, label, body] of text.matchAll(BLOCK)) {
    const base64 = body.replace(/\s+/g, '');
    if (base64.length % 4 === 0 && BASE64.test(base64)) return { label, der: Buffer.from(base64, 'base64') };
  }
  return null;
}
