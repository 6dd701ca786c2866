/**
 * SQL laid out for reading and diffing: the compiler writes each statement
 * on one line; this breaks it before its clauses and subqueries, indented by
 * parenthesis depth, and leaves quoted text alone. Only whitespace changes,
 * so two statements lay out alike exactly when they are alike.
 */

const CLAUSES = ['FROM', 'WHERE', 'AND', 'OR', 'ORDER BY', 'LIMIT', 'OFFSET', 'UNION ALL', 'JOIN', 'RETURNING', 'ON CONFLICT'];

export function layOut(sql: string): string {
  const lines: string[] = [];
  let line = '';
  let depth = 0;
  const breakLine = () => {
    if (line.trim()) lines.push(line.trimEnd());
    line = '  '.repeat(depth);
  };
  for (let i = 0; i < sql.length;) {
    const ch = sql[i];
    if (ch === "'" || ch === '"') {
      // A quoted literal or identifier, doubled quotes included.
      let end = i + 1;
      while (end < sql.length && !(sql[end] === ch && sql[end + 1] !== ch)) end += sql[end] === ch ? 2 : 1;
      line += sql.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (/\s/.test(ch)) {
      if (!line.endsWith(' ') && line.trim()) line += ' ';
      i++;
      continue;
    }
    if (ch === '(') {
      depth++;
      line += ch;
      if (sql.startsWith('SELECT', i + 1) || sql.startsWith('WITH', i + 1)) breakLine();
      i++;
      continue;
    }
    if (ch === ')') {
      depth = Math.max(0, depth - 1);
      line += ch;
      i++;
      continue;
    }
    const atWord = !/[\w.$]/.test(sql[i - 1] ?? ' ');
    const clause = atWord && CLAUSES.find((c) => sql.startsWith(c, i) && !/[\w]/.test(sql[i + c.length] ?? ' '));
    if (clause) {
      breakLine();
      line += clause;
      i += clause.length;
      continue;
    }
    line += ch;
    i++;
  }
  breakLine();
  return lines.join('\n');
}
