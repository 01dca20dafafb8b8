// The few deliberate exceptions to the gates, each with its reason; verify
// prints how many findings each one set aside. Everything else fails.

const EMAIL = /(^|\/)email\.html$/;

/** Nu HTML Checker messages that are not errors for the page in question. */
export const HTML_EXEMPTIONS = [
  {
    why: "Outlook-only mso-* CSS in e-mail editions (the checker knows only the web's CSS)",
    applies: (page, message) =>
      EMAIL.test(page) && /^CSS: “mso-[a-z-]+”: Property “mso-/.test(message),
  },
];

/** axe rules switched off on some pages, by page path. */
export function axeRulesOff(path) {
  // An e-mail body is shown inside the mail client's own page, which supplies
  // the landmarks; the e-mail's markup has none to give (and <main> is stripped
  // by most clients).
  if (EMAIL.test(path)) return ['landmark-one-main', 'region'];
  return [];
}

/** The exemption that covers a Nu HTML Checker error, if any. */
export function htmlExemption(page, message) {
  return HTML_EXEMPTIONS.find((e) => e.applies(page, message)) ?? null;
}
