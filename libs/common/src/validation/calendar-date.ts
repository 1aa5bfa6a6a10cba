const DATE_PREFIX = /^([+-]?\d{4,6})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/i;

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/**
 * False when a text written as `YYYY-MM-DD` (with an optional `THH:MM[:SS]`) names a day or time
 * that does not exist, such as 2026-02-30 or 10:61, which JavaScript's date parser would quietly
 * move to another day. Texts in other forms are left to the parser.
 */
export function isCalendarDate(text: string): boolean {
  const match = DATE_PREFIX.exec(text.trim());
  if (!match) return true;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part))) as number[];
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59
  );
}
