// One generated item: its front matter (category, authorities, party, fine,
// status, sources, tags) and the sentences its body may use. The body itself
// is assembled in body.mjs.
import { addDays, dayId, daysInMonth, longDate, monthId } from './calendar.mjs';
import * as V from './vocabulary.mjs';

const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const lower = (s) => s.replace(/\b[A-Z](?=[a-z])/g, (c) => c.toLowerCase());
/** Marks the phrase a body may set in *emphasis* (body.mjs decides which one, if any). */
export const em = (s) => `\uE000${s}\uE001`;
/** A sentence a body uses at most once (a date, an amount, a fixed remark). */
const once = (make) => Object.assign(make, { once: true });

/** Sentences that fit any item whose first authority is `a`. */
function common(r, item, a) {
  return [
    () =>
      `The ${a.abbr} said it would ${r.pick(['publish further guidance', 'keep a close watch on the sector', 'step up spot checks', 'work with other regulators on the matter'])} in the coming months.`,
    () =>
      `Industry groups ${r.pick(['welcomed the added clarity', 'asked for more time to adapt', 'warned about the cost of compliance', 'said little in public'])}, according to press reports.`,
    () =>
      `The move follows ${r.pick(['a series of similar steps', 'a national campaign', 'a year of complaints', 'guidance issued last year'])} on ${r.pick(V.WORRIES)}.`,
    once(
      () =>
        `Readers who follow ${r.pick(item.tags).replaceAll('-', ' ')} will find it among the more notable developments of ${V.MONTHS[item.day.m - 1]}.`,
    ),
    once(() => `The full text is available on the website of the ${a.name}.`),
  ];
}

/** A fine in one of the three forms editors write: RMB 300,000 / RMB 16.74 million / RMB 1.2 billion. */
export function fine(r) {
  const form = r.weighted({ thousands: 60, millions: 35, billions: 5 });
  if (form === 'millions') return `RMB ${trim(r.int(101, 9999) / 100, 2)} million`;
  if (form === 'billions') return `RMB ${trim(r.int(11, 99) / 10, 1)} billion`;
  const amount =
    r.int(1, 999) * (r.chance(0.5) ? 1000 : 100) + (r.chance(0.2) ? r.int(1, 99) * 10 : 0);
  return `RMB ${String(amount).replace(/\B(?=(\d{3})+$)/g, ',')}`;
}
const trim = (x, digits) => x.toFixed(digits).replace(/\.?0+$/, '');

function company(r) {
  const brand = cap(r.pick(V.SYLLABLES) + r.pick(V.SYLLABLES));
  const city = r.chance(0.6) ? `${r.pick(V.CITIES)} ` : '';
  return `${city}${brand} ${r.pick(V.TRADES)} Co., Ltd.`;
}
const short = (party) => party.replace(/ Co\., Ltd\.$/, '');

/**
 * An item of month y-m: the fields, and `opening` plus `sentences` (functions
 * that each make one sentence) and `list` (the intro of a bullet list) for its body.
 */
export function makeItem(r, y, m) {
  const category = r.weighted({ legislation: 60, enforcement: 25, courts: 15 });
  const day = { y, m, d: r.int(1, daysInMonth(y, m)) };
  const monthOnly = r.chance(0.05);
  const item = {
    category,
    date: monthOnly ? monthId(y, m) : dayId(y, m, day.d),
    when: monthOnly ? `In ${V.MONTHS[m - 1]} ${y}` : `On ${longDate(day)}`,
    day,
  };
  if (category === 'legislation') legislation(r, item);
  else if (category === 'enforcement') enforcement(r, item);
  else courts(r, item);
  item.sources = sources(r, item);
  item.tags = r.sample(V.TAGS, Number(r.weighted({ 1: 40, 2: 40, 3: 20 })));
  item.sentences.push(...common(r, item, item.authorities[0]));
  return item;
}

function legislation(r, item) {
  const count = Number(r.weighted({ 1: 70, 2: 22, 3: 8 }));
  const [a, ...others] = (item.authorities = r.sample(V.REGULATORS, count));
  const kind = r.pick(V.INSTRUMENTS);
  const subject = r.pick(V.SUBJECTS);
  const name = `${kind} on ${subject}`;
  const status = (item.status = r.weighted({ draft: 35, adopted: 25, effective: 32, repealed: 8 }));
  if (status === 'adopted' || status === 'effective') {
    const on = addDays(item.day, r.int(0, 180));
    item.effective = dayId(on.y, on.m, on.d);
    item.effectiveLong = longDate(on);
  }
  item.title = `${a.abbr} ${r.pick(V.LEG_VERBS)} ${name}${status === 'draft' ? ' (Draft for Comments)' : ''}`;
  const jointly = others.length
    ? `, prepared jointly with the ${others.map((o) => o.abbr).join(' and the ')}`
    : '';
  item.opening = (link) =>
    `${item.when}, the ${a.name} (${a.abbr}) published ${status === 'draft' ? 'a draft of ' : ''}the ${link(name)}${jointly}.`;
  const holder = () => r.pick(V.DUTY_HOLDERS);
  item.sentences = [
    () => `The text applies to ${holder()} and deals with ${em(lower(subject))}.`,
    () => `${cap(holder())} will have to ${em(r.pick(V.DUTIES))}.`,
    () => `It also asks ${holder()} to ${r.pick(V.DUTIES)} and to ${r.pick(V.DUTIES)}.`,
    () =>
      `The drafters say the rules answer public concern about ${r.pick(V.WORRIES)} and ${r.pick(V.WORRIES)}.`,
    () =>
      `Provincial offices must ${r.pick(['draw up local plans', 'name a contact point', 'publish model cases', 'report on their progress every quarter'])} within ${r.pick(['three', 'six', 'nine', 'twelve'])} months.`,
    () =>
      `Compared with the ${r.pick(['previous version', 'consultation draft', 'rules it replaces'])}, the text ${em(r.pick(['narrows the exemptions', 'adds a transition period', 'drops the licensing step', 'raises the maximum fine', 'covers smaller businesses']))}.`,
    () =>
      `Breaches can be punished with warnings, orders to correct and fines of up to ${fine(r)}.`,
    () =>
      `Lawyers who advise ${holder()} expect the ${r.pick(['new', 'stricter', 'long-awaited', 'detailed'])} rules to change how their clients manage ${em(r.pick(V.PRACTICES))}.`,
    () =>
      `Small businesses get ${r.pick(['a lighter regime', 'a longer transition', 'simplified forms', 'an exemption for low volumes'])} under ${r.pick(['Article 12', 'Article 18', 'Article 23', 'the final chapter'])}.`,
    () =>
      `Important data handled by ${holder()} must be ${r.pick(['listed in a catalogue', 'reported to the regulator', 'reviewed once a year', 'kept in the country'])}.`,
    () =>
      `The text defines ${em(r.pick(['sensitive personal information', 'important data', 'a large platform', 'a minor', 'automated decision-making']))} more narrowly than earlier drafts did.`,
    () =>
      `The ${a.abbr} plans to publish ${r.pick(['model contracts', 'a list of questions and answers', 'technical guides', 'templates for filings'])} to go with the text.`,
    once(
      () =>
        'Several provisions refer to the Personal Information Protection Law and the Data Security Law.',
    ),
  ];
  if (status === 'draft')
    item.sentences.push(
      once(() => `Comments can be sent until ${longDate(addDays(item.day, 30))}.`),
    );
  if (item.effective)
    item.sentences.push(
      once(() => `The ${kind.toLowerCase()} take effect on ${item.effectiveLong}.`),
    );
  if (status === 'repealed')
    item.sentences.push(
      once(() => `They replace rules that had been in force since ${item.day.y - r.int(3, 12)}.`),
    );
  item.list = () => `Among other things, ${holder()} must:`;
}

function enforcement(r, item) {
  item.authorities = r.chance(0.85)
    ? r.sample(V.REGULATORS, Number(r.weighted({ 1: 85, 2: 15 })))
    : [r.pick(V.PROCURATORATES), r.pick(V.REGULATORS)];
  const a = item.authorities[0];
  const roll = r.next();
  if (roll < 0.95) item.party = company(r);
  if (roll < 0.85) item.fine = fine(r);
  const violation = r.pick(V.VIOLATIONS);
  const party = item.party && short(item.party);
  if (item.fine)
    item.title = r.chance(0.5)
      ? `${a.abbr} Fines ${party} ${item.fine} for ${violation}`
      : `${party} Fined ${item.fine} over ${violation}`;
  else if (party) item.title = `${a.abbr} Orders ${party} to Stop ${violation}`;
  else item.title = `${a.abbr} Opens Campaign Against ${violation}`;
  const who = party ? 'company' : 'businesses inspected';
  item.opening = (link) =>
    party
      ? `${item.when}, the ${a.name} released ${link('a penalty decision')} against ${item.party}`
      : `${item.when}, the ${a.name} announced ${link('an inspection campaign')} aimed at ${lower(violation)}.`;
  item.sentences = [
    () => `According to the decision, the ${who} ${em(r.pick(V.FINDINGS))}.`,
    () =>
      `The ${a.abbr} ordered ${party ? 'it' : 'them'} to ${r.pick(V.ORDERS)} and to ${r.pick(V.ORDERS)}.`,
    () =>
      `The investigation began after ${r.pick(['a complaint from a customer', 'a routine inspection', 'a report in the press', 'a tip-off from a former employee', 'a spot check of popular apps'])} earlier in ${item.day.y}.`,
    () =>
      `The regulator noted that ${r.pick(V.DUTY_HOLDERS)} remain responsible for ${r.pick(['their contractors', 'the software kits they embed', 'outsourced call centres', 'data held by their affiliates'])}.`,
    () =>
      `It is one of ${r.int(3, 40)} cases the ${a.abbr} has published this year about ${r.pick(V.WORRIES)}.`,
    () =>
      `Compliance teams at ${r.pick(V.DUTY_HOLDERS)} are likely to look again at their ${em(r.pick(V.PRACTICES))} after the case.`,
    once(
      () =>
        `${party ? `${party} has` : 'The operators have'} sixty days to ask for an administrative review, or six months to go to court.`,
    ),
    () =>
      `The ${who} had ${r.pick(['more than two million', 'about 800,000', 'tens of thousands of', 'several hundred thousand'])} registered users at the time.`,
    () => `Inspectors also found that the ${who} ${r.pick(V.FINDINGS)}.`,
    () =>
      `The case file shows that ${em(r.pick(['staff had raised the problem internally', 'the practice had been stopped once before', 'the same app had been warned a year earlier', 'no one was in charge of data protection']))}.`,
    () =>
      `The ${a.abbr} published the decision on its website, together with ${r.int(2, 15)} similar cases.`,
  ];
  if (party)
    item.sentences.push(
      once(
        () =>
          `This is the ${r.pick(['second', 'third', 'fourth'])} penalty against the company since ${item.day.y - r.int(1, 5)}.`,
      ),
    );
  if (item.fine)
    item.sentences.push(
      once(
        () =>
          `The fine of ${item.fine} ${r.pick(['is the largest the office has imposed so far', 'sits in the middle of the usual range', 'was reduced because the company cooperated'])}.`,
      ),
    );
  item.list = () => `The decision lists what the ${who} failed to do:`;
}

function courts(r, item) {
  const prosecution = r.chance(0.35);
  item.authorities = prosecution
    ? [r.pick(V.PROCURATORATES), ...(r.chance(0.3) ? [r.pick(V.COURTS)] : [])]
    : r.sample(V.COURTS, Number(r.weighted({ 1: 85, 2: 15 })));
  const a = item.authorities[0];
  if (prosecution) item.party = r.chance(0.5) ? company(r) : `${r.int(2, 27)} defendants`;
  else if (r.chance(0.6)) item.party = company(r);
  if (item.party && r.chance(0.25)) item.fine = fine(r);
  const party = item.party && short(item.party);
  item.title = prosecution
    ? `${a.abbr} Charges ${party} with ${r.pick(V.CRIMES)}`
    : `${a.abbr} ${r.pick(V.COURT_VERBS)} ${r.pick(V.DISPUTES)}`;
  const dispute = lower(r.pick(V.DISPUTES)).replace(/^a /, '');
  item.opening = (link) =>
    `${item.when}, the ${a.name} ${link(r.pick(['published a judgment', 'released a case summary', 'reported the outcome of a case']))} about ${dispute}.`;
  const defendant = party ? cap(party) : 'The defendant';
  const court = item.authorities[1] ? `the ${item.authorities[1].name}` : 'a local court';
  item.sentences = prosecution
    ? [
        () => `Prosecutors say the defendants ${em(r.pick(V.FINDINGS))} on a large scale.`,
        () => `The indictment lists more than ${r.int(2, 900)},000 records.`,
        () => `The procuratorate also asked for an order that the defendants ${r.pick(V.ORDERS)}.`,
        () => `${defendant} argued that ${r.pick(V.DEFENCES)}, which the prosecutors disputed.`,
        once(() => `The case has been sent to ${court} for trial.`),
        () =>
          `Investigators traced the data to ${r.pick(['a chat group of resellers', 'insiders at a logistics firm', 'a fake survey website', 'a network of phone shops'])}.`,
        () =>
          `Several of the defendants ${r.pick(['admitted the charges', 'returned their profits', 'denied any knowledge of the scheme'])}.`,
      ]
    : [
        () => `The court found that ${em(r.pick(V.HOLDINGS))}.`,
        () => `${defendant} argued that ${r.pick(V.DEFENCES)}, which the court rejected.`,
        () => `The defendant must ${r.pick(V.ORDERS)} and pay damages of ${fine(r)}.`,
        () => `The judges pointed out that ${r.pick(V.HOLDINGS)}.`,
        once(
          () =>
            `The ${r.pick(['judgment', 'ruling', 'decision'])} can be appealed within fifteen days.`,
        ),
        () =>
          `The claimant asked for ${r.pick(['an apology and damages', 'the deletion of her data', 'a copy of the data held about him', 'an end to the processing'])}.`,
        () =>
          `The court heard the case in ${r.pick(['a single session', 'two hearings', 'an online hearing', 'open court'])}.`,
      ];
  item.sentences.push(
    () =>
      `Observers say the case will guide ${r.pick(V.DUTY_HOLDERS)} on their ${em(r.pick(V.PRACTICES))}.`,
    () =>
      `Lawyers for both sides ${r.pick(['declined to comment', 'said they were studying the text', 'expect an appeal'])}.`,
    () => `Earlier decisions of other courts went the other way on ${em(r.pick(V.PRACTICES))}.`,
  );
  if (item.fine)
    item.sentences.push(
      once(() => `A fine of ${item.fine} was imposed on ${item.party.replace(/\.$/, '')}.`),
    );
  item.list = () => `The court reminded ${r.pick(V.DUTY_HOLDERS)} that they must:`;
}

function sources(r, item) {
  const count = Number(r.weighted({ 1: 65, 2: 35 }));
  return Array.from({ length: count }, (_, i) => {
    const a = item.authorities[i] ?? r.pick(V.REGULATORS);
    const on = i === 0 ? item.day : addDays(item.day, r.int(1, 10));
    return {
      title: `${a.name}, ${r.pick(V.SOURCE_KINDS[item.category])} of ${longDate(on)}`,
      url: `https://${a.id}.gov.example/${dayId(on.y, on.m, on.d).replaceAll('-', '/')}/${r.int(10000, 99999)}.html`,
    };
  });
}
