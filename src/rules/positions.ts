/**
 * Where things are in the uploaded SDL. A rule is a string inside the SDL, so
 * a mistake found in the rule (a GraphQL syntax error, an unknown filter
 * field, a bad RBAC operand) is reported at its real line and column in the
 * upload: offsets in the string's value are mapped back through escapes and
 * block-string indentation to the characters the user typed.
 */
import type { ASTNode, Location, StringValueNode } from 'graphql';
import { lineStartsOf, sourcePosition } from '../model/ast.js';
import type { SourcePosition } from '../sdl/errors.js';

/** Start of a node in the SDL (none when the document was parsed without locations). */
export function positionOf(node: ASTNode | undefined): SourcePosition[] {
  return node?.loc ? [sourcePosition(node.loc.source, node.loc.start)] : [];
}

/** Maps positions in a string literal's value to positions in the SDL. */
export interface StringPositions {
  /** Offset in the value (0 ≤ offset ≤ length; `length` is the closing quote). */
  at(offset: number): SourcePosition[];
  /** 1-based line and column in the value, as graphql-js reports them for the rule text. */
  atLineColumn(line: number, column: number): SourcePosition[];
}

export function stringPositions(node: StringValueNode): StringPositions {
  const loc = node.loc;
  if (!loc) return { at: () => [], atLineColumn: () => [] };
  const body = loc.source.body;
  const offsets = node.block ? blockStringOffsets(body, loc) : stringOffsets(body, loc, node.value);
  // Should the mapping ever disagree with graphql-js, point at the literal rather than guess.
  const map = offsets && offsets.length === node.value.length + 1 ? offsets : undefined;
  const at = (offset: number): SourcePosition[] =>
    [sourcePosition(loc.source, map ? map[Math.max(0, Math.min(offset, node.value.length))] : loc.start)];
  const lineStarts = lineStartsOf(node.value);
  return {
    at,
    atLineColumn: (line, column) => at((lineStarts[line - 1] ?? 0) + column - 1),
  };
}

/** For each code unit of a `"..."` value, the SDL offset it came from, plus one for the closing quote. */
function stringOffsets(body: string, loc: Location, value: string): number[] {
  const offsets: number[] = [];
  let position = loc.start + 1;
  while (offsets.length < value.length && position < loc.end - 1) {
    if (body[position] !== '\\') {
      offsets.push(position++);
      continue;
    }
    const [size, units] = escapeSize(body, position);
    for (let i = 0; i < units; i++) offsets.push(position);
    position += size;
  }
  offsets.push(loc.end - 1);
  return offsets;
}

/** Source length of the escape sequence at `position` and how many UTF-16 units it yields. */
function escapeSize(body: string, position: number): [size: number, units: number] {
  if (body[position + 1] !== 'u') return [2, 1];
  if (body[position + 2] === '{') {
    const close = body.indexOf('}', position);
    return [close - position + 1, String.fromCodePoint(parseInt(body.slice(position + 3, close), 16)).length];
  }
  const lead = parseInt(body.slice(position + 2, position + 6), 16);
  const pairs = lead >= 0xd800 && lead <= 0xdbff && /^\\u[dD][c-fC-F][0-9a-fA-F]{2}/.test(body.slice(position + 6));
  return pairs ? [12, 2] : [6, 1];
}

/**
 * For each code unit of a `"""..."""` value, the SDL offset it came from:
 * graphql-js's reading (`\"""` unescaped, lines split) and dedent (common
 * indentation of all lines but the first removed, blank first and last lines
 * dropped), done on offsets instead of characters.
 */
function blockStringOffsets(body: string, loc: Location): number[] {
  const lines: number[][] = [];
  let line: number[] = [];
  const end = loc.end - 3;
  let position = loc.start + 3;
  while (position < end) {
    if (body.startsWith('\\"""', position)) {
      line.push(position + 1, position + 2, position + 3);
      position += 4;
    } else if (body[position] === '\n' || body[position] === '\r') {
      line.push(position); // where the joining '\n' comes from
      lines.push(line);
      line = [];
      position += body.startsWith('\r\n', position) ? 2 : 1;
    } else {
      line.push(position++);
    }
  }
  line.push(end);
  lines.push(line);

  // Each line's offsets end with its terminator; the text is the rest.
  const text = (l: number[]) => l.slice(0, -1).map((o) => body[o]);
  const indent = (l: number[]) => {
    const chars = text(l);
    const n = chars.findIndex((c) => c !== ' ' && c !== '\t');
    return n === -1 ? chars.length : n;
  };
  let common = Number.MAX_SAFE_INTEGER;
  let first = -1;
  let last = -1;
  lines.forEach((l, i) => {
    if (indent(l) === l.length - 1) return;
    if (first === -1) first = i;
    last = i;
    if (i !== 0) common = Math.min(common, indent(l));
  });
  const kept = lines
    .map((l, i) => (i === 0 ? l : l.slice(Math.min(common, l.length - 1))))
    .slice(first === -1 ? 0 : first, last + 1);
  if (kept.length === 0) return [end];
  // Lines are joined with '\n' (each line's terminator offset); the last line ends at the closing quotes.
  const offsets = kept.flatMap((l, i) => (i === kept.length - 1 ? l.slice(0, -1) : l));
  offsets.push(end);
  return offsets;
}
