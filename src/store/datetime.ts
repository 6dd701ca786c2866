/**
 * DateTime values as Dgraph reads and writes them. Dgraph accepts RFC 3339 and
 * shorter forms ("2020", "2020-05", "2020-05-17", "2020-05-17T10:30"), treats
 * a missing zone as UTC, keeps a given offset, and prints like Go's
 * RFC3339Nano: trailing fractional zeros trimmed, "Z" for UTC.
 * The canonical text always has an explicit zone, so comparing stored values
 * as timestamptz never depends on the session's time zone.
 */

const FORMAT =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?)?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/** The canonical text of a DateTime, or null when `text` is not one. */
export function canonicalDateTime(text: string): string | null {
  const m = FORMAT.exec(text.trim());
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', frac = '', , sign, oh, om] = m;
  const year = Number(y), month = Number(mo), day = Number(d), hour = Number(h), minute = Number(mi), second = Number(s);
  const probe = new Date(Date.UTC(2000, month - 1, day));
  probe.setUTCFullYear(year);
  if (month < 1 || month > 12 || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const fraction = frac.replace(/0+$/, '');
  let zone = 'Z';
  if (sign) {
    if (Number(oh) > 23 || Number(om) > 59) return null;
    zone = Number(oh) === 0 && Number(om) === 0 ? 'Z' : `${sign}${oh}:${om}`;
  }
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction ? `.${fraction}` : ''}${zone}`;
}
