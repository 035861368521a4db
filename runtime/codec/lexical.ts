/**
 * XSD lexical-space checks shared by the XML codec (codec/scalars.ts) and, through it, the
 * REST JSON codec: dates with real calendar days, durations, strict base64, integer ranges.
 *
 * Every function returns a reason (a short message that never quotes the value: it may be a
 * secret echoed into the wrong field) or `undefined` when the text is valid.
 */

const TZ = "(?:Z|[+-](?:(?:0\\d|1[0-3]):[0-5]\\d|14:00))?";
const DATE_PART = "(-?(?:[1-9]\\d{4,}|\\d{4}))-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])";
const TIME_PART = "(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?|24:00:00(?:\\.0+)?)";

/** `xs:dateTime`, `xs:date`, `xs:time` lexical forms (year, month, day captured). */
export const DATETIME_RE = new RegExp(`^${DATE_PART}T${TIME_PART}${TZ}$`);
export const DATE_RE = new RegExp(`^${DATE_PART}${TZ}$`);
export const TIME_RE = new RegExp(`^${TIME_PART}${TZ}$`);

/** `xs:duration`: `-P1Y2M3DT4H5M6.7S`, at least one component, `T` only before a time component. */
const DURATION_RE = /^-?P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/;

/** Reason why `t` is not a valid date/dateTime/time lexical value, or `undefined`. */
export function checkDateLexical(re: RegExp, t: string, name: string): string | undefined {
  const m = re.exec(t);
  if (m === null) return `not a valid xs:${name} lexical form`;
  if (m[1] === undefined) return undefined; // xs:time: no date part
  const year = Number(m[1]);
  if (Number(m[3]) > daysInMonth(year, Number(m[2]))) return `xs:${name} names a day that does not exist`;
  return undefined;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Proleptic Gregorian, astronomical numbering as XSD 1.1 (`-0001` is 2 BCE, a leap year). */
function isLeap(year: number): boolean {
  const y = year < 0 ? year + 1 : year;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Reason why `t` is not a valid `xs:duration`, or `undefined`. */
export function checkDuration(t: string): string | undefined {
  return DURATION_RE.test(t) ? undefined : "not a valid xs:duration lexical form";
}

const XML_SPACE_RE = /[ \t\r\n]/g;
const BASE64_ALPHABET_RE = /^[A-Za-z0-9+/]*$/;
/** The last 4-character group of base64 text: full, or padded with the unused bits zero. */
export const BASE64_LAST_GROUP_RE = /^(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/][AQgw]==|[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=)$/;

/**
 * Decode `xs:base64Binary` strictly: XML whitespace may appear anywhere, everything else must
 * be complete 4-character groups with canonical padding (no data after `=`, no stray bits).
 */
export function decodeBase64Strict(text: string): Buffer | string {
  const t = text.replace(XML_SPACE_RE, "");
  // Linear checks: one regex over the whole text with a repeated group overflows V8's stack at ~10 MB.
  const valid =
    t.length % 4 === 0 &&
    BASE64_ALPHABET_RE.test(t.slice(0, -4)) &&
    (t === "" || BASE64_LAST_GROUP_RE.test(t.slice(-4)));
  if (!valid) return "not valid xs:base64Binary (alphabet, padding or length)";
  return Buffer.from(t, "base64");
}

const INTEGER_RE = /^([+-]?)0*(\d+)$/;
/** Integers longer than this are refused without being parsed (BigInt parsing is superlinear). */
export const MAX_INTEGER_DIGITS = 4096;

/**
 * An integer lexical value as a bigint, checked against an inclusive range.
 * Returns a reason string when the text is not an integer or the value is out of range.
 */
export function parseIntegerInRange(
  t: string,
  id: string,
  min: bigint | undefined,
  max: bigint | undefined,
): bigint | string {
  const m = INTEGER_RE.exec(t);
  if (m === null) return `not a valid ${id} lexical form`;
  const digits = m[2]!;
  const bounded = min !== undefined || max !== undefined;
  if (digits.length > (bounded ? 40 : MAX_INTEGER_DIGITS)) {
    return bounded
      ? `${id} value out of range [${min ?? "-∞"}, ${max ?? "∞"}]`
      : `${id} value has more than ${MAX_INTEGER_DIGITS} digits`;
  }
  const v = BigInt(m[1] === "-" ? `-${digits}` : digits);
  if ((min !== undefined && v < min) || (max !== undefined && v > max))
    return `${id} value out of range [${min ?? "-∞"}, ${max ?? "∞"}]`;
  return v;
}
