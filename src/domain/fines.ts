/**
 * Fines as editors write them ("RMB 16.74 million", "¥300,000",
 * "USD 1.2 billion", 300000 with a currency) normalised to an exact amount in
 * minor units and an ISO 4217 code, and shown in one house style.
 */
export interface Fine {
  /** Exact amount in hundredths of the currency unit. */
  cents: number;
  /** ISO 4217 code, e.g. CNY. */
  currency: string;
  /** "RMB 16.74 million": how the site shows it. */
  display: string;
}

export type FineResult = { ok: true; fine: Fine } | { ok: false; code: string; reason: string };

/** ISO 4217 codes we accept (active codes, plus RMB as the usual name of CNY). */
const CODES = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP ' +
    'BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP ' +
    'GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR ' +
    'KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK ' +
    'MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR ' +
    'SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS ' +
    'UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL'
  ).split(' '),
);

/** Symbols and names; "¥" is read as renminbi, the currency of this digest's domain. */
const ALIASES: Record<string, string> = {
  RMB: 'CNY',
  YUAN: 'CNY',
  元: 'CNY',
  '¥': 'CNY',
  '￥': 'CNY',
  'RMB¥': 'CNY',
  $: 'USD',
  US$: 'USD',
  HK$: 'HKD',
  '€': 'EUR',
  '£': 'GBP',
};

/** How a code is shown: the digest writes renminbi as "RMB". */
const LABELS: Record<string, string> = { CNY: 'RMB' };

const MULTIPLIERS: Record<string, bigint> = {
  thousand: 1_000n,
  k: 1_000n,
  million: 1_000_000n,
  mn: 1_000_000n,
  m: 1_000_000n,
  billion: 1_000_000_000n,
  bn: 1_000_000_000n,
  b: 1_000_000_000n,
  trillion: 1_000_000_000_000n,
  万: 10_000n,
  亿: 100_000_000n,
};

const NUMBER = String.raw`(-)?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?`;
const UNIT = String.raw`(thousand|million|billion|trillion|mn|bn|[kmb]|万|亿)?`;
const CURRENCY = String.raw`([A-Za-z]{3}|RMB¥|US\$|HK\$|[¥￥$€£]|yuan|元)`;
const FINE_TEXT = new RegExp(String.raw`^${CURRENCY}?\s*${NUMBER}\s*${UNIT}\s*${CURRENCY}?$`, 'iu');

export function currencyCode(text: string): string | undefined {
  const upper = text.trim().toUpperCase();
  const alias = ALIASES[upper] ?? ALIASES[text.trim()];
  if (alias) return alias;
  return CODES.has(upper) ? upper : undefined;
}

const FORMS = '"RMB 300,000", "RMB 16.74 million", "¥300,000" or "USD 1.2 billion"';

/** Parses one fine written as text, e.g. "RMB 16.74 million". */
export function parseFineText(text: string, defaultCurrency?: string): FineResult {
  const m = FINE_TEXT.exec(text.trim());
  if (!m) {
    return { ok: false, code: 'fine-invalid', reason: `cannot read "${text}" as a fine` };
  }
  const [, before, minus, whole, fraction, unit, after] = m;
  if (before && after) {
    return { ok: false, code: 'fine-invalid', reason: `"${text}" names a currency twice` };
  }
  const written = before ?? after;
  const currency = written === undefined ? defaultCurrency : currencyCode(written);
  if (currency === undefined) {
    return written === undefined
      ? { ok: false, code: 'fine-currency', reason: `"${text}" has no currency` }
      : {
          ok: false,
          code: 'fine-currency',
          reason: `"${written}" is not an ISO 4217 currency code`,
        };
  }
  const multiplier = unit ? MULTIPLIERS[unit.toLowerCase()]! : 1n;
  return fromDecimal(
    minus !== undefined,
    whole!.replace(/,/g, ''),
    fraction ?? '',
    multiplier,
    currency,
    text,
  );
}

/** Parses a number, or a numeric string, with a currency given beside it. */
export function parseFineAmount(amount: number | string, currencyText: string): FineResult {
  const currency = currencyCode(currencyText);
  if (currency === undefined) {
    return {
      ok: false,
      code: 'fine-currency',
      reason: `"${currencyText}" is not an ISO 4217 currency code`,
    };
  }
  if (typeof amount === 'number') {
    if (!Number.isFinite(amount)) {
      return { ok: false, code: 'fine-invalid', reason: `${amount} is not an amount` };
    }
    // Numbers from YAML: a plain decimal, never exponent notation.
    const text = Math.abs(amount).toFixed(2);
    const [whole, fraction] = text.split('.') as [string, string];
    return fromDecimal(amount < 0, whole, fraction, 1n, currency, String(amount));
  }
  return parseFineText(amount, currency);
}

function fromDecimal(
  negative: boolean,
  whole: string,
  fraction: string,
  multiplier: bigint,
  currency: string,
  text: string,
): FineResult {
  if (negative) {
    return { ok: false, code: 'fine-negative', reason: `a fine cannot be negative ("${text}")` };
  }
  const scale = 10n ** BigInt(fraction.length);
  const numerator = (BigInt(whole) * scale + BigInt(fraction || '0')) * multiplier * 100n;
  if (numerator % scale !== 0n) {
    return {
      ok: false,
      code: 'fine-invalid',
      reason: `"${text}" is more precise than one hundredth of the currency unit`,
    };
  }
  const cents = numerator / scale;
  if (cents > BigInt(Number.MAX_SAFE_INTEGER)) {
    return { ok: false, code: 'fine-invalid', reason: `"${text}" is too large to be a fine` };
  }
  const value = Number(cents);
  return { ok: true, fine: { cents: value, currency, display: formatFine(value, currency) } };
}

export function currencyLabel(code: string): string {
  return LABELS[code] ?? code;
}

/**
 * The house style: "RMB 16.74 million", "RMB 1.2 billion", "RMB 300,000",
 * "USD 1,250.50". Millions and billions are used when they stay exact to two
 * decimals.
 */
export function formatFine(cents: number, currency: string): string {
  return `${currencyLabel(currency)} ${formatAmount(cents)}`;
}

export function formatAmount(cents: number | bigint): string {
  const units = BigInt(cents);
  // Billions to three decimals ("8.026 billion"), millions to two ("16.74 million").
  for (const [size, decimals, word] of [
    [100_000_000_000n, 3, 'billion'],
    [100_000_000n, 2, 'million'],
  ] as const) {
    const step = size / 10n ** BigInt(decimals);
    if (units >= size && units % step === 0n) {
      const scaled = units / step;
      const whole = group(scaled / 10n ** BigInt(decimals));
      const fraction = String(scaled % 10n ** BigInt(decimals))
        .padStart(decimals, '0')
        .replace(/0+$/, '');
      return `${fraction ? `${whole}.${fraction}` : whole} ${word}`;
    }
  }
  const rest = units % 100n;
  return rest === 0n
    ? group(units / 100n)
    : `${group(units / 100n)}.${String(rest).padStart(2, '0')}`;
}

function group(value: bigint): string {
  return value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export const FINE_FORMS = FORMS;
