// Dates for the site generator, computed in UTC so that no time zone moves a day.
import { MONTHS } from './vocabulary.mjs';

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** "2022-01" */
export const monthId = (y, m) => `${pad(y, 4)}-${pad(m)}`;
/** "2022-01-05" */
export const dayId = (y, m, d) => `${monthId(y, m)}-${pad(d)}`;
/** "January 5, 2022" */
export const longDate = ({ y, m, d }) => `${MONTHS[m - 1]} ${d}, ${y}`;
/** "January 2022" */
export const monthName = (y, m) => `${MONTHS[m - 1]} ${y}`;

export const daysInMonth = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The day n days after y-m-d, as {y, m, d}. */
export function addDays({ y, m, d }, n) {
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export const nextMonth = (y, m) => (m === 12 ? [y + 1, 1] : [y, m + 1]);
