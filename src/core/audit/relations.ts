/**
 * Stage 2 of the audit: the relations a report states between its figures. Each finder
 * looks only at a bounded neighbourhood of tokens in the same sentence (or the list items
 * right after an introduction), so the stage stays linear in the text's length.
 *
 * The finders are deliberately strict about wording: a relation read into a sentence that
 * does not state it would raise a false alarm, which costs the user's trust as much as a
 * missed error. A sentence we cannot read with confidence yields no relation.
 */
import { compareDates, isValidDate, type CalendarDate } from '../calendar';
import { Dec } from '../decimal';
import { foldWord, type Currency, type NumberToken, type Token } from './scan';
import { articleAt, documentModel, inRow, paragraphAt, type DocumentModel } from './document';
import { isNumberWord, numberWords, parseAmountWords } from './words';

export interface RateRelation {
  kind: 'rate';
  amount: NumberToken;
  rate: NumberToken;
  base: NumberToken;
  /** Set when the base is the prorated budget of a stated proration. */
  proration?: ProrationRelation;
  /** Other budgets of the article the rate may be a share of (annual or prorated): the rate holds if it matches one. */
  alternatives?: NumberToken[];
}

export interface ProrationRelation {
  kind: 'proration';
  annual: NumberToken;
  prorated: NumberToken;
  months: Dec;
  duration: Token;
  /** « du 1er janvier 2018 au 31 mars 2018 » earlier in the sentence: the period prorated over. */
  period?: { start: CalendarDate; end: CalendarDate };
}

export interface SumRelation {
  kind: 'sum';
  /** A subsidy split between co-financers, or any other total and its listed parts. */
  cofinancing: boolean;
  total: NumberToken;
  parts: NumberToken[];
  /** « dont » only says the parts are included: their sum ≤ total. */
  mode: 'equal' | 'atMost';
}

/** « 47 500 € (quarante-sept mille cinq cents euros) »: the same amount in digits and in words. */
export interface WordsRelation {
  kind: 'words';
  amount: NumberToken;
  /** `loose`: read only by the loose grammar (a misspelling), so its value is no ground for an error. */
  words: { start: number; end: number; text: string; value: Dec; currency: Currency; loose: boolean };
}

export type Relation = RateRelation | ProrationRelation | SumRelation | WordsRelation;

interface Sentence {
  start: number;
  end: number;
  /** Starts with a list marker: « - », « • », « 1. », « a) ». */
  item: boolean;
}

const BULLET = /^[\s\u00a0]*(?:[-–—•*·▪■►✓o](?=\s)|[-–—•▪■►]|\d{1,2}[.)](?=\s)|[a-z]\)(?=\s))/;

/** Sentence boundaries outside tokens: « . ! ? », a blank line, a line ending in « : ; », a new list item or a capitalised line. */
function sentences(text: string, tokens: readonly Token[]): Sentence[] {
  const result: Sentence[] = [];
  let start = 0;
  let t = 0;
  const close = (end: number, next: number) => {
    if (text.slice(start, end).trim() !== '') {
      result.push({ start, end, item: BULLET.test(text.slice(start, Math.min(end, start + 12))) });
    }
    start = next;
  };
  for (let i = 0; i < text.length; i++) {
    while (t < tokens.length && tokens[t]!.end <= i) t++;
    const token = tokens[t];
    if (token && token.start <= i && i < token.end) {
      i = token.end - 1;
      continue;
    }
    const c = text[i];
    if ((c === '.' || c === '!' || c === '?') && /[\s]/.test(text[i + 1] ?? ' ')) close(i + 1, i + 1);
    else if (c === '\n') {
      const prev = text.slice(Math.max(start, i - 4), i).trimEnd();
      const nextLine = text.slice(i + 1, i + 14);
      if (/[:;.!?]$/.test(prev) || /^[ \t\u00a0]*(?:\r?\n|$)/.test(nextLine) || BULLET.test(nextLine) || /^[ \t]*\p{Lu}/u.test(nextLine)) {
        close(i, i + 1);
      }
    }
  }
  close(text.length, text.length);
  return result;
}

/** The figures and the sentence each one stands in. */
interface Context {
  text: string;
  tokens: readonly Token[];
  sentenceOf: number[];
  sentences: Sentence[];
  /** Index of the first token of each sentence (tokens.length when none). */
  firstToken: number[];
  /** Index of a token in `tokens`, by binary search on its start (tokens never overlap). */
  indexOf: (token: Token) => number;
}

function context(text: string, tokens: readonly Token[]): Context {
  const list = sentences(text, tokens);
  const sentenceOf: number[] = [];
  const firstToken: number[] = list.map(() => tokens.length);
  let s = 0;
  tokens.forEach((token, i) => {
    while (s + 1 < list.length && list[s]!.end <= token.start) s++;
    sentenceOf.push(s);
    if (firstToken[s] === tokens.length) firstToken[s] = i;
  });
  // A search rather than a map of every token: few tokens are looked up, and a map of a long
  // text's figures weighed on the collector.
  const indexOf = (token: Token) => {
    let lo = 0;
    let hi = tokens.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const start = tokens[mid]!.start;
      if (start === token.start) return mid;
      if (start < token.start) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
  return { text, tokens, sentenceOf, sentences: list, firstToken, indexOf };
}

const isMoney = (t: Token | undefined): t is NumberToken => t !== undefined && t.kind === 'money';
const isPercent = (t: Token | undefined): t is NumberToken => t !== undefined && t.kind === 'percent';
const usable = (t: NumberToken) => t.value !== null && t.hedge === undefined;

/** Folded text between two positions, or null when too far apart to be one statement. */
function gap(ctx: Context, from: number, to: number, max: number): string | null {
  if (to - from > max || to < from) return null;
  return foldWord(ctx.text.slice(from, to));
}

/**
 * The nearest money token after (dir 1) or before (dir -1) token i in its sentence, within
 * `reach` characters, across dates and durations but not across a percentage. The reach
 * keeps the search bounded inside an endless sentence.
 */
function nearestMoney(ctx: Context, i: number, dir: 1 | -1, reach: number): number {
  const origin = ctx.tokens[i]!;
  for (let j = i + dir; j >= 0 && j < ctx.tokens.length && ctx.sentenceOf[j] === ctx.sentenceOf[i]; j += dir) {
    const t = ctx.tokens[j]!;
    if ((dir === 1 ? t.start - origin.end : origin.start - t.end) > reach) return -1;
    if (t.kind === 'money') return j;
    if (t.kind === 'percent' || t.kind === 'count') return -1;
  }
  return -1;
}

/**
 * `gap` between tokens i and j (i < j), each token between them (a date, a duration) read as
 * one neutral figure: the comma of « sur 2,52 mois » is a decimal mark, not the end of a clause.
 */
function gapAcross(ctx: Context, i: number, j: number, max: number): string | null {
  const from = ctx.tokens[i]!.end;
  const to = ctx.tokens[j]!.start;
  if (j === i + 1) return gap(ctx, from, to, max);
  if (to - from > max || to < from) return null;
  let text = '';
  let at = from;
  for (let k = i + 1; k < j; k++) {
    const t = ctx.tokens[k]!;
    text += `${ctx.text.slice(at, t.start)}0`;
    at = t.end;
  }
  return foldWord(text + ctx.text.slice(at, to));
}

const RATE_LINK = /(?:represent|\bsoit\b|correspond|equival|equivaut)/;
const RATE_BLOCK = /(?:hausse|augment|baisse|diminu|evolu|progress|variation|par rapport|contre|plafon|maximum|\btaux\b|\btva\b|\bdont\b|\bet\b)/;
const BASE_INTRO = /^[ (]*(?:du|de|des|d')\b/;
// A comma or a relative clause between a rate and an amount starts another statement:
// « 25 % de la subvention de 2018, qui était de 8 000 € » does not give the base.
const BASE_BLOCK = /(?:\bsoit\b|\bdont\b|\bqui\b|hausse|augment|par rapport|[;,])/;
const ENUMERATION = /^ ?(?:,|et|ou|\+|,? et) ?$/;

/** « X représentant Y % du budget … de Z », « Y % du coût de Z, soit X ». */
function findRates(ctx: Context): RateRelation[] {
  const found: RateRelation[] = [];
  ctx.tokens.forEach((rate, p) => {
    if (!isPercent(rate) || rate.value === null || rate.hedge === 'approx') return;
    const b = nearestMoney(ctx, p, 1, 200);
    const base = ctx.tokens[b] as NumberToken | undefined;
    const baseGap = base ? gapAcross(ctx, p, b, 200) : null;
    if (!base || baseGap === null || !BASE_INTRO.test(baseGap) || BASE_BLOCK.test(baseGap)) return;

    const a = nearestMoney(ctx, p, -1, 100);
    const amount = ctx.tokens[a] as NumberToken | undefined;
    const linkGap = amount ? gap(ctx, amount.end, rate.start, 100) : null;
    if (amount && linkGap !== null && RATE_LINK.test(linkGap) && !RATE_BLOCK.test(linkGap)) {
      // « 17 500 € et 30 000 €, représentant 40 % … »: which amount is meant is unclear.
      const before = ctx.tokens[a - 1];
      const listGap = isMoney(before) && ctx.sentenceOf[a - 1] === ctx.sentenceOf[a] ? gap(ctx, before.end, amount.start, 8) : null;
      if (listGap !== null && ENUMERATION.test(listGap)) return;
      found.push({ kind: 'rate', amount, rate, base });
      return;
    }
    // « 30 % du coût total de 150 000 €, soit 45 000 € ».
    const c = nearestMoney(ctx, b, 1, 40);
    const after = ctx.tokens[c] as NumberToken | undefined;
    const afterGap = after ? gap(ctx, base.end, after.start, 40) : null;
    if (after && afterGap !== null && /^ ?[,;]? ?soit (?:un montant de |une somme de )?$/.test(afterGap)) {
      found.push({ kind: 'rate', amount: after, rate, base });
    }
  });
  return found;
}

const PRORATION_WORD = /(?:prorat|ramene)/;
const ANNUAL_BEFORE = /(?:annuel|annee pleine|sur l'annee|sur un an)/;
const ANNUAL_AFTER = /^[ )]*(?:par an|annuel|en annee pleine|sur l'annee|sur un an)/;

function isAnnual(ctx: Context, i: number): boolean {
  const t = ctx.tokens[i]!;
  const from = i > 0 && ctx.sentenceOf[i - 1] === ctx.sentenceOf[i] ? Math.max(ctx.tokens[i - 1]!.end, t.start - 60) : Math.max(ctx.sentences[ctx.sentenceOf[i]!]!.start, t.start - 60);
  return ANNUAL_BEFORE.test(gap(ctx, from, t.start, 60) ?? '') || ANNUAL_AFTER.test(gap(ctx, t.end, Math.min(ctx.text.length, t.end + 20), 20) ?? '');
}

/** « budget … proratisé sur 3 mois d'un montant de 200 000 € (budget prévisionnel annuel de 800 000 euros) ». */
/** Bounds the look-back for an annual budget stated in an earlier sentence. */
const ANNUAL_REACH_TOKENS = 20;
const ANNUAL_REACH_CHARS = 600;

/**
 * « Le budget prévisionnel annuel s'élève à 150.000 euros. […] Le budget proratisé sur 10 mois
 * s'établit à 135.000 euros. »: the annual budget stated in an earlier sentence of the paragraph,
 * when the proration names a budget too. Two different annual budgets there leave it unsure: -1.
 */
function annualBefore(ctx: Context, doc: DocumentModel, d: number, lead: string): number {
  if (!/budget/.test(lead)) return -1;
  const duration = ctx.tokens[d]!;
  const paragraph = paragraphAt(doc, duration.start);
  let found = -1;
  for (let j = d - 1, seen = 0; j >= 0 && seen < ANNUAL_REACH_TOKENS; j--, seen++) {
    const t = ctx.tokens[j]!;
    if (duration.start - t.end > ANNUAL_REACH_CHARS || paragraphAt(doc, t.start) !== paragraph) break;
    if (ctx.sentenceOf[j] === ctx.sentenceOf[d] || !isMoney(t) || !isAnnual(ctx, j)) continue;
    const s = ctx.sentences[ctx.sentenceOf[j]!]!;
    if (!BUDGET_LEAD.test(gap(ctx, Math.max(s.start, t.start - 80), t.start, 80) ?? '')) continue;
    if (found < 0) found = j;
    else {
      const first = (ctx.tokens[found] as NumberToken).value;
      if (t.value === null || first === null || !t.value.eq(first)) return -1;
    }
  }
  return found;
}

/**
 * The period « du 1er janvier 2018 au 31 mars 2018 » (or « du 1er janvier au 31 mars 2018 »)
 * stated in token d's sentence before it, when its two dates are whole and in order.
 */
function periodBefore(ctx: Context, d: number): ProrationRelation['period'] {
  for (let j = d - 1; j > 0 && ctx.sentenceOf[j - 1] === ctx.sentenceOf[d]; j--) {
    const first = ctx.tokens[j - 1]!;
    const last = ctx.tokens[j]!;
    if (first.kind !== 'date' || last.kind !== 'date' || last.year === undefined) continue;
    if (gap(ctx, first.end, last.start, 6) !== ' au ' || !/\bdu $/.test(gap(ctx, Math.max(0, first.start - 4), first.start, 4) ?? '')) continue;
    const start = { year: first.year ?? last.year, month: first.month, day: first.day };
    const end = { year: last.year, month: last.month, day: last.day };
    return isValidDate(start) && isValidDate(end) && compareDates(start, end) <= 0 ? { start, end } : undefined;
  }
  return undefined;
}

function findProrations(ctx: Context, doc: DocumentModel): ProrationRelation[] {
  const found: ProrationRelation[] = [];
  ctx.tokens.forEach((duration, d) => {
    if (duration.kind !== 'duration') return;
    const sentence = ctx.sentences[ctx.sentenceOf[d]!]!;
    const lead = gap(ctx, Math.max(sentence.start, duration.start - 60), duration.start, 60) ?? '';
    if (!PRORATION_WORD.test(lead)) return;

    let prorated = -1;
    for (const dir of [1, -1] as const) {
      for (let j = nearestMoney(ctx, d, dir, 120); j >= 0; j = nearestMoney(ctx, j, dir, 120)) {
        const t = ctx.tokens[j]!;
        const distance = dir === 1 ? t.start - duration.end : duration.start - t.end;
        if (distance > 120) break;
        if (!isAnnual(ctx, j)) {
          prorated = j;
          break;
        }
      }
      if (prorated >= 0) break;
    }
    let annual = -1;
    for (const dir of [1, -1] as const) {
      for (let j = d + dir; j >= 0 && j < ctx.tokens.length && ctx.sentenceOf[j] === ctx.sentenceOf[d]; j += dir) {
        const t = ctx.tokens[j]!;
        if (Math.abs(t.start - duration.start) > 300) break;
        if (isMoney(t) && isAnnual(ctx, j)) {
          if (annual < 0 || Math.abs(t.start - duration.start) < Math.abs(ctx.tokens[annual]!.start - duration.start)) annual = j;
          break;
        }
      }
    }
    if (annual < 0) annual = annualBefore(ctx, doc, d, lead);
    if (prorated < 0 || annual < 0) return;
    const period = periodBefore(ctx, d);
    found.push({
      kind: 'proration',
      annual: ctx.tokens[annual] as NumberToken,
      prorated: ctx.tokens[prorated] as NumberToken,
      months: duration.months,
      duration,
      ...(period ? { period } : {}),
    });
  });
  return found;
}

const INTRO = /(?:decompos|reparti|ventil|comme suit|suivante?s? ?:|de la (?:facon|maniere) suivante)/;
const REFERENT = /^\W*(?:ce|cette|cet|le|la|ledit|ladite|leur)\s+(soutien|subvention|participation|aide|financement|contribution|montant|somme|enveloppe|dotation|credit)/;
const SUBSIDY_NOUN = /(?:soutien|subvention|participation|aide|financement|contribution)/;
const PAYER = /(?:pris en charge|prise en charge|a la charge|finance|verse|apporte|\bpar (?:la|le|les|l')|\bpart (?:de|du|des))/;
const TOTAL_ITEM = /^\W*(?:total|soit un total|soit au total|montant total)/;
const TOTAL_LEAD = /(?:(?:soit|pour) (?:un |une )?(?:montant |somme )?(?:total|totale|globale?)(?: de| :)?|soit au total|soit en tout|au total de|\btotal ?:?)$/;
const PART_LEAD_BLOCK = /(?:budget|cout|depense|plafond|represent|\bsoit\b|\bdont\b|total)/;
const PART_LINK = /(?:,|\bet) ?(?:de |d'|a |pour )?$/;

function sentenceText(ctx: Context, s: number, max = 400): string {
  const sentence = ctx.sentences[s]!;
  return gap(ctx, sentence.start, Math.min(sentence.end, sentence.start + max), max) ?? '';
}

/** The end of a sentence, where an introduction says « comme suit : ». */
function sentenceTail(ctx: Context, s: number, max = 300): string {
  const sentence = ctx.sentences[s]!;
  return gap(ctx, Math.max(sentence.start, sentence.end - max), sentence.end, max) ?? '';
}

/** The first usable money figure of a sentence, not counting percentages. */
function firstMoneyOf(ctx: Context, s: number): NumberToken | null | undefined {
  for (let j = ctx.firstToken[s]!; j < ctx.tokens.length && ctx.sentenceOf[j] === s; j++) {
    const t = ctx.tokens[j]!;
    if (isMoney(t)) return t.hedge === undefined ? t : null;
  }
  return undefined;
}

/** What « Ce soutien financier … » refers to: the first amount after that noun in one of the previous sentences. */
function referent(ctx: Context, s: number, noun: string): NumberToken | undefined {
  for (let back = s - 1; back >= 0 && back >= s - 4; back--) {
    for (let j = ctx.firstToken[back]!; j < ctx.tokens.length && ctx.sentenceOf[j] === back; j++) {
      const t = ctx.tokens[j]!;
      if (!isMoney(t)) continue;
      const lead = gap(ctx, Math.max(ctx.sentences[back]!.start, t.start - 200), t.start, 200) ?? '';
      // « Ce soutien » may refer to « la subvention »: the subsidy nouns are synonyms here.
      const named = SUBSIDY_NOUN.test(noun) ? SUBSIDY_NOUN.test(lead) : lead.includes(noun);
      if (named && !/(?:budget|cout)[^,]*$/.test(lead)) return t;
      break;
    }
  }
  return undefined;
}

function endsWithColon(text: string, sentence: Sentence): boolean {
  let k = sentence.end - 1;
  while (k >= sentence.start && /[\s\u00a0\u202f\u2009\u2007]/.test(text[k]!)) k--;
  return text[k] === ':';
}

/** « Ce soutien financier se décompose comme suit : - 17 500 € … ; - 30 000 € … », and a « Total » line under a list. */
function findLists(ctx: Context, used: Set<NumberToken>): SumRelation[] {
  const found: SumRelation[] = [];
  for (let s = 0; s < ctx.sentences.length; s++) {
    // An introduction ends with « : »; looked at raw before folding the sentence's end.
    if (!endsWithColon(ctx.text, ctx.sentences[s]!)) continue;
    const tail = sentenceTail(ctx, s);
    if (!/: ?$/.test(tail.trimEnd()) || !INTRO.test(tail)) continue;
    const intro = sentenceText(ctx, s);
    const parts: NumberToken[] = [];
    let trailingTotal: NumberToken | undefined;
    let readable = true;
    let itemsText = '';
    let k = s + 1;
    for (; k < ctx.sentences.length && ctx.sentences[k]!.item; k++) {
      const itemText = sentenceText(ctx, k, 200);
      // An item that introduces a sub-list ends this list: each item is read by one introduction only.
      if (/: ?$/.test(sentenceTail(ctx, k, 20).trimEnd())) break;
      const money = firstMoneyOf(ctx, k);
      if (TOTAL_ITEM.test(itemText.replace(BULLET, ''))) {
        if (money) trailingTotal = money;
        k++;
        break;
      }
      if (!money || money.value === null) readable = false;
      else parts.push(money);
      itemsText += itemText;
    }
    // « Soit un total de … » on its own line under the list.
    if (!trailingTotal && k < ctx.sentences.length && TOTAL_ITEM.test(sentenceText(ctx, k, 60))) {
      trailingTotal = firstMoneyOf(ctx, k) ?? undefined;
    }
    if (!readable || parts.length < 2) continue;

    const introMoney: NumberToken[] = [];
    for (let j = ctx.firstToken[s]!; j < ctx.tokens.length && ctx.sentenceOf[j] === s; j++) {
      if (isMoney(ctx.tokens[j])) introMoney.push(ctx.tokens[j] as NumberToken);
    }
    const nounMatch = REFERENT.exec(intro);
    const total = introMoney.length > 0 ? introMoney[introMoney.length - 1] : nounMatch ? referent(ctx, s, nounMatch[1]!) : undefined;
    const cofinancing = SUBSIDY_NOUN.test(intro) && PAYER.test(itemsText);
    for (const stated of [total, trailingTotal]) {
      if (!stated || stated.hedge !== undefined) continue;
      used.add(stated);
      found.push({ kind: 'sum', cofinancing, total: stated, parts, mode: 'equal' });
    }
  }
  return found;
}

// Inline lists: « La subvention de 47 500 € est financée comme suit : 17 500 € pris en charge par
// la Métropole ; 30 000 € pris en charge par la Région. » Everything is read on bounded folded
// windows around the figures, and any doubt about where the list starts or ends refuses it.

/** Words before the total that make it something other than a whole to split: a budget, a cost, a share of one. */
const INLINE_TOTAL_BLOCK = /(?:budget|cout|depense|plafon|prorat|represent|\bdont\b|\bsoit\b|%|\bsur\b|reste|solde|complement|restant|surplus|\bcontre\b|au lieu|\bautres?\b|supplementaire)/;
/** Nouns for which each euro is paid by someone: a split by payers is then the whole split. */
const INLINE_SUBSIDY = /(?:soutien|subvention|participation|aide|contribution|dotation)/;
/** Between the total and the first part: what says the parts are the whole, or only some of them. */
const INLINE_LEAD_BLOCK =
  /(?:\bdont\b|\bsoit\b|represent|budget|cout|depense|total|plafon|maximum|minimum|hausse|augment|baisse|notamment|entre autres|par exemple|en particulier|principalement|parmi|solde|reste|ajout|complet|outre|en plus|additionnel|supplementaire|[();%])/;
/** A strong introduction: the parts make the whole, whoever pays them. */
const INLINE_STRONG = /(?:(?:decompos|reparti|ventil|repartit)[^:]{0,40}(?::|comme suit|entre)|comme suit ?:?|de la (?:facon|maniere) suivante ?:?|financ\w* (?:comme suit ?:?|par))$/;
/** A weaker one, « financée à hauteur de », « : »: every part must then name its payer. */
const INLINE_WEAK = /(?:(?:financ|pris en charge|prise en charge|assure|apporte|couvert|verse)[^:]{0,30}a hauteur (?:de|d')|:)$/;
/** Between two parts: the first part's words, one separator, and at most a preposition. */
const INLINE_LINK = /^ ?([^;,:]{0,100}?) ?(?:;|,|,? et|; et) ?(?:de |d'|a hauteur de |a hauteur d'|pour )?$/;
const INLINE_PART_BLOCK =
  /(?:\bdont\b|\bsoit\b|represent|budget|cout|depense|total|plafon|hausse|augment|baisse|solde|reste|complet|complement|autofinanc|fonds propres|restant|surplus|notamment|\bcontre\b|au lieu|ainsi qu|decompos|reparti|comme suit|ventil|\bautres?\b|\betc\b|deja|consomm|utilis|engage|mandat|percu|encaiss)/;
/**
 * After the last part, or opening the next sentence: words that say the list was not the whole,
 * or that the parts are what was spent or received so far.
 */
const INLINE_TAIL_BLOCK =
  /(?:\bdont\b|solde|reste|complet|complement|autofinanc|fonds propres|restant|surplus|differen|notamment|ainsi qu|\bautres?\b|\betc\b|s'ajout|s'y ajout|en plus|de plus|en outre|par ailleurs|egalement|\baussi\b|\bhors\b|deja|consomm|utilis|engage|mandat|percu|encaiss)/;
/** « 17 500 € par an pendant deux ans », « 5 000 € chacune »: a part that is not its own amount. */
const INLINE_MULTIPLIER =
  /(?:\bpar (?!(?:la|le|les|l'|l|un|une|des|du|son|sa|ses|leur|leurs)\b)|chacun|chaque|pendant|\bfois\b|\bx\b|×|unitaire|l'unite|annuel|mensuel|trimestriel|semestriel|hebdomadaire)/;
const INLINE_PAYER = /(?:pris en charge|prise en charge|a la charge|apporte|verse|finance|assure|\bpar (?:la|le|les|l'|l |un |une ))/;
const INLINE_HEDGED = /(?:environ|approximativement|ordre|pres|quelque|autour|plus|moins|maximum|minimum|maximal|minimal|jusqu'a|plafonne|limite|au-dela)(?: de| d')?$/;
const INLINE_VERB = /(?:decompos|reparti|ventil|comme suit|financ|pris en charge|prise en charge|assure|apporte|couvert|verse|:)/;
/** More parts than this in one sentence is a table, not a statement: refused, which also bounds the work. */
const INLINE_MAX_PARTS = 12;

interface InlineList {
  parts: NumberToken[];
  /** The words of each part, after it (the last part's up to the end of the sentence). */
  descriptions: string[];
  trailingTotal?: NumberToken;
  /** The token after the list. */
  end: number;
}

/**
 * The parts after token `first`, one sentence, each joined to the next by INLINE_LINK, a share
 * « (36,84 %) » or « , soit 36,84 %, » allowed right after a part. Null when the list does not
 * end cleanly (another figure follows that is not a part) or a part is hedged.
 */
function inlineParts(ctx: Context, first: number): InlineList | null {
  const s = ctx.sentenceOf[first]!;
  const parts: NumberToken[] = [ctx.tokens[first] as NumberToken];
  const descriptions: string[] = [];
  let trailingTotal: NumberToken | undefined;
  let from = ctx.tokens[first]!.end;
  let j = first + 1;
  for (; j < ctx.tokens.length && ctx.sentenceOf[j] === s; j++) {
    const t = ctx.tokens[j]!;
    const last = parts[parts.length - 1]!;
    if (trailingTotal) {
      // After « soit un total de … », another figure of the sentence makes the reading unsure.
      if (isMoney(t)) return null;
      continue;
    }
    if (isPercent(t) && from === last.end) {
      const share = gap(ctx, last.end, t.start, 12);
      if (share !== null && /^ ?(?:\(|,? ?soit) ?$/.test(share)) {
        from = t.end;
        continue;
      }
      return null;
    }
    if (!isMoney(t)) return null;
    let between = gap(ctx, from, t.start, 140);
    if (between === null) return null;
    if (from !== last.end) between = between.replace(/^ ?[),] ?/, ' ');
    const link = INLINE_LINK.exec(between);
    if (!link || INLINE_PART_BLOCK.test(between) || INLINE_MULTIPLIER.test(between)) {
      // « …, soit un total de 47 500 € »: the list ends on its own total.
      const cut = Math.max(between.lastIndexOf(','), between.lastIndexOf(';'));
      const words = cut < 0 ? '' : between.slice(0, cut);
      if (cut < 0 || t.hedge !== undefined || !TOTAL_LEAD.test(between.slice(cut + 1).trim())) return null;
      if (/[;,:]/.test(words) || INLINE_PART_BLOCK.test(words) || INLINE_MULTIPLIER.test(words)) return null;
      descriptions.push(words);
      trailingTotal = t;
      from = t.end;
      continue;
    }
    if (parts.length >= INLINE_MAX_PARTS || t.hedge !== undefined) return null;
    descriptions.push(link[1]!);
    parts.push(t);
    from = t.end;
  }
  if (parts.length < 2 || parts[0]!.hedge !== undefined) return null;
  const sentence = ctx.sentences[s]!;
  const tail = gap(ctx, from, Math.min(sentence.end, from + 200), 200) ?? '';
  if (INLINE_TAIL_BLOCK.test(tail) || INLINE_MULTIPLIER.test(tail)) return null;
  // « … Le complément, soit 10 000 €, est apporté par la Ville. »: the next sentence adds a part.
  const next = ctx.sentences[s + 1];
  if (next && INLINE_TAIL_BLOCK.test(gap(ctx, next.start, Math.min(next.end, next.start + 120), 120) ?? '')) return null;
  if (!trailingTotal) descriptions.push(tail.replace(/^ ?[),] ?/, ' ').slice(0, 80));
  return { parts, descriptions, trailingTotal, end: j };
}

/**
 * Whether the words right before the first part end as INLINE_STRONG or INLINE_WEAK must: « : »,
 * « suit », « entre », « suivante », « par », « de », « d' ». A short window folded instead of two
 * long ones; when it holds only spaces, it cannot tell, and the full reading decides.
 */
function mayIntroduceParts(text: string, start: number): boolean {
  const end = foldWord(text.slice(Math.max(0, start - 12), start)).trim();
  if (end === '' || end.endsWith(':') || end.endsWith('suit') || end.endsWith('entre') || end.endsWith('suivante') || end.endsWith('par')) return true;
  // « de », « d' » as words: what « à hauteur de » ends with.
  return (end.endsWith('de') || end.endsWith("d'")) && (end.length === 2 || !isWordChar(end[end.length - 3]!));
}

function isWordChar(c: string): boolean {
  return /\w/.test(c);
}

/** « La subvention de 47 500 € est financée comme suit : 17 500 € … ; 30 000 € … », « … à hauteur de 17 500 € par A et de 30 000 € par B ». */
function findInlineLists(ctx: Context, used: Set<NumberToken>): SumRelation[] {
  const found: SumRelation[] = [];
  // t is the token before the first part: the total, or the last token of a previous sentence.
  for (let t = -1; t + 1 < ctx.tokens.length; t++) {
    const first = ctx.tokens[t + 1];
    if (!isMoney(first)) continue;
    if (!mayIntroduceParts(ctx.text, first.start)) continue;
    const s = ctx.sentenceOf[t + 1]!;
    const sentence = ctx.sentences[s]!;
    let total: NumberToken | undefined;
    let lead: string | null;
    let before: string;
    if (t >= 0 && ctx.sentenceOf[t] === s) {
      // The total stands in the sentence, right before the first part.
      const stated = ctx.tokens[t]!;
      if (!isMoney(stated) || stated.hedge !== undefined || used.has(stated)) continue;
      // « 25 % du budget de 200 000 € », « 47 500 €, contre 40 000 € en 2017, »: with another figure
      // before it in the sentence, which one is split is unclear. Dates may stand before.
      // Each date is walked over once: the walk stops at the first other token.
      let previous = false;
      for (let j = t - 1; j >= 0 && ctx.sentenceOf[j] === s && !previous; j--) {
        const kind = ctx.tokens[j]!.kind;
        previous = kind !== 'date' && kind !== 'duration';
      }
      if (previous) continue;
      const start = t > 0 && ctx.sentenceOf[t - 1] === s ? ctx.tokens[t - 1]!.end : sentence.start;
      before = gap(ctx, Math.max(start, stated.start - 80), stated.start, 80) ?? '';
      lead = gap(ctx, stated.end, first.start, 100);
      total = stated;
    } else {
      // « Ce soutien financier se décompose comme suit : 17 500 € … »: the total is in a previous sentence.
      before = gap(ctx, sentence.start, first.start, 100) ?? '';
      const noun = REFERENT.exec(before);
      if (!noun) continue;
      lead = before.slice(noun.index + noun[0].length);
      // « La participation de la Métropole se répartit … » names a part of the subsidy, not the subsidy.
      const verb = lead.search(INLINE_VERB);
      if (/(?:\bde\b|\bdu\b|\bdes\b|\bd'|\bau\b|\baux\b|\bpour\b|\ben\b)/.test(verb < 0 ? lead : lead.slice(0, verb))) continue;
      total = referent(ctx, s, noun[1]!);
      if (!total || total.hedge !== undefined) continue;
    }
    if (lead === null || INLINE_TOTAL_BLOCK.test(before) || INLINE_LEAD_BLOCK.test(lead) || INLINE_MULTIPLIER.test(lead)) continue;
    // « d'environ 47 500 € » escapes the scanner's hedges (one word with its article): not a total to check.
    if (INLINE_HEDGED.test(before.trimEnd())) continue;
    const trimmed = lead.trim();
    const strong = INLINE_STRONG.test(trimmed);
    if (!strong && !INLINE_WEAK.test(trimmed)) continue;
    const list = inlineParts(ctx, t + 1);
    if (!list) continue;
    const subsidy = INLINE_SUBSIDY.test(before) || INLINE_SUBSIDY.test(lead);
    const paid = list.descriptions.every((d) => INLINE_PAYER.test(d));
    // Without « comme suit », only a subsidy split by named payers is known to be whole.
    if (!strong && !(subsidy && paid)) continue;
    const cofinancing = subsidy && list.descriptions.some((d) => INLINE_PAYER.test(d));
    for (const stated of [total, list.trailingTotal]) {
      if (!stated) continue;
      used.add(stated);
      found.push({ kind: 'sum', cofinancing: cofinancing && stated === total, total: stated, parts: list.parts, mode: 'equal' });
    }
    t = list.end - 2;
  }
  return found;
}

/** « répartie entre la Communauté d'agglomération (15000 €) et … (»: the verb, then the first sharer's name. */
const PAREN_INTRO = /(?:decompos|reparti|ventil)\w*(?: ainsi)? (?:entre|comme suit ?:?|de la (?:facon|maniere) suivante ?:?|:) ([^;:()%\d]{1,120}?) ?\($/;
/** « (15000 €) et le pôle de proximité de Valognes (»: one separator, then the next sharer's name. */
const PAREN_LINK = /^ ?\) ?(?:,|;|,? et|; et) ([^;:()%\d]{1,120}?) ?\( ?$/;

/**
 * « Cette aide est répartie entre la Communauté d'agglomération (15000 €) et le pôle de proximité
 * de Valognes (13000 €). »: each sharer named, its amount in parentheses after the name. Only after
 * a verb of splitting (« financée par A (…) et B (…) » may leave other financers unnamed). The
 * total is the amount right before the verb in the sentence, or the subsidy « Cette aide » refers to.
 */
/** Whether « ( » stands right before `start`, spaces aside: what PAREN_INTRO ends with. */
function afterOpening(text: string, start: number): boolean {
  let k = start - 1;
  while (k >= 0 && /[\s\u00a0\u202f\u2009\u2007]/.test(text[k]!)) k--;
  return text[k] === '(';
}

function findParenthesisedSplits(ctx: Context, used: Set<NumberToken>): SumRelation[] {
  const found: SumRelation[] = [];
  for (let f = 0; f < ctx.tokens.length; f++) {
    const first = ctx.tokens[f]!;
    if (!isMoney(first) || first.hedge !== undefined || !afterOpening(ctx.text, first.start)) continue;
    const s = ctx.sentenceOf[f]!;
    const sentence = ctx.sentences[s]!;
    const from = f > 0 && ctx.sentenceOf[f - 1] === s ? ctx.tokens[f - 1]!.end : sentence.start;
    const before = gap(ctx, from, first.start, 200);
    // A literal look before the regular expression, whose lazy group would be tried at each position.
    if (before === null || !/decompos|reparti|ventil/.test(before)) continue;
    const intro = PAREN_INTRO.exec(before);
    if (!intro || INLINE_LEAD_BLOCK.test(intro[1]!) || INLINE_MULTIPLIER.test(intro[1]!)) continue;
    const verbAt = intro.index;
    let total: NumberToken | undefined;
    let subsidy: boolean;
    if (f > 0 && ctx.sentenceOf[f - 1] === s) {
      // « La subvention de 27 500 € est répartie entre … »: the only figure before is the total.
      const stated = ctx.tokens[f - 1]!;
      if (!isMoney(stated) || stated.hedge !== undefined || used.has(stated)) continue;
      if (f > 1 && ctx.sentenceOf[f - 2] === s) continue;
      const lead = gap(ctx, Math.max(sentence.start, stated.start - 80), stated.start, 80) ?? '';
      if (INLINE_TOTAL_BLOCK.test(lead) || INLINE_HEDGED.test(lead.trimEnd()) || INLINE_LEAD_BLOCK.test(before.slice(0, verbAt))) continue;
      total = stated;
      subsidy = INLINE_SUBSIDY.test(lead);
    } else {
      const noun = REFERENT.exec(before);
      if (!noun || /(?:\bde\b|\bdu\b|\bdes\b|\bd'|\bau\b|\baux\b|\bpour\b|\ben\b)/.test(before.slice(noun.index + noun[0].length, verbAt))) continue;
      total = referent(ctx, s, noun[1]!);
      if (!total || total.hedge !== undefined || used.has(total)) continue;
      subsidy = INLINE_SUBSIDY.test(noun[1]!);
    }
    const parts: NumberToken[] = [first];
    let j = f + 1;
    for (; j < ctx.tokens.length && ctx.sentenceOf[j] === s && parts.length <= INLINE_MAX_PARTS; j++) {
      const t = ctx.tokens[j]!;
      if (!isMoney(t) || t.hedge !== undefined) break;
      const link = PAREN_LINK.exec(gap(ctx, parts[parts.length - 1]!.end, t.start, 160) ?? '');
      if (!link || INLINE_PART_BLOCK.test(link[1]!) || INLINE_MULTIPLIER.test(link[1]!)) break;
      parts.push(t);
    }
    // Another figure in the sentence, or words after the list that say it was not the whole: unsure.
    if (parts.length < 2 || parts.length > INLINE_MAX_PARTS || (j < ctx.tokens.length && ctx.sentenceOf[j] === s)) continue;
    const last = parts[parts.length - 1]!;
    const tail = gap(ctx, last.end, Math.min(sentence.end, last.end + 200), 200) ?? '';
    if (!/^ ?\)/.test(tail) || INLINE_TAIL_BLOCK.test(tail) || INLINE_MULTIPLIER.test(tail)) continue;
    const next = ctx.sentences[s + 1];
    if (next && INLINE_TAIL_BLOCK.test(gap(ctx, next.start, Math.min(next.end, next.start + 120), 120) ?? '')) continue;
    used.add(total);
    found.push({ kind: 'sum', cofinancing: subsidy, total, parts, mode: 'equal' });
    f = j - 1;
  }
  return found;
}

/** The label of a table's total line: « Total », « TOTAL : », « Total général », « Sous-total ». */
const TABLE_TOTAL_LABEL = /^(sous-? ?)?(?:total|totaux)(?: general)? ?:?$/;
/** A cell that states nothing: empty, or a dash. */
const EMPTY_CELL = /^[\s\u00a0\u202f]*[-–—]*[\s\u00a0\u202f]*$/;
/** Longer lines are prose with tabs, not rows; more columns than this are not read. */
const MAX_ROW_CHARS = 2000;
const MAX_TABLE_COLUMNS = 16;

interface TableRow {
  /** The money tokens of the row, each with the index of its cell. */
  money: Array<[number, NumberToken]>;
  /** Bit c set: cell c states nothing (empty, or a dash). */
  empty: number;
  /** Bit c set: cell c holds a token that is not money (a rate, a date): it is no amount to add. */
  other: number;
  total: 'total' | 'subtotal' | null;
}

/** The cells of a tab- or pipe-separated line, or null for any other line. */
function cellsOf(text: string, start: number, end: number): Array<[number, number]> | null {
  if (end - start > MAX_ROW_CHARS) return null;
  const line = text.slice(start, end);
  const tab = line.includes('\t');
  const trimmed = line.trim();
  if (!tab && !(trimmed.startsWith('|') && trimmed.length > 1)) return null;
  const separator = tab ? '\t' : '|';
  const cells: Array<[number, number]> = [];
  let from = start;
  for (let k = start; k <= end; k++) {
    if (k === end || text[k] === separator) {
      cells.push([from, k]);
      from = k + 1;
    }
  }
  if (!tab) {
    // « | a | b | »: the pipes at both ends open and close the row, they bound no cell.
    if (cells.length > 0 && text.slice(cells[0]![0], cells[0]![1]).trim() === '') cells.shift();
    if (cells.length > 0 && text.slice(cells[cells.length - 1]![0], cells[cells.length - 1]![1]).trim() === '') cells.pop();
  }
  return cells.length >= 2 && cells.length <= MAX_TABLE_COLUMNS ? cells : null;
}

/**
 * « Total⇥⇥264⇥19.600,00 € » under the rows of a table: each amount of a total line is the sum of
 * its column since the table's start or the previous total (a « Sous-total » since the previous
 * subtotal). Header lines before the first amount of a column are skipped; after it, every line
 * must hold one amount in that column, or nothing (« – »), else the column is not read. A table
 * is a run of adjacent tab- or pipe-separated lines: one pass over the lines and the tokens.
 */
function findTableTotals(ctx: Context, doc: DocumentModel): SumRelation[] {
  const found: SumRelation[] = [];
  const { text, tokens } = ctx;
  let ti = 0;
  // The rows since the last total line: a total is checked as soon as it is read, so a long table
  // is never held whole.
  let segment: TableRow[] = [];
  let sinceSub = 0;
  let previousEnd = -2;
  for (const [start, end] of doc.rows) {
    const cells = cellsOf(text, start, end);
    if (!cells || previousEnd + 1 !== start) {
      segment = [];
      sinceSub = 0;
    }
    previousEnd = cells ? end : -2;
    if (!cells) continue;
    const money: Array<[number, NumberToken]> = [];
    let other = 0;
    while (ti < tokens.length && tokens[ti]!.start < start) ti++;
    let c = 0;
    for (; ti < tokens.length && tokens[ti]!.end <= end; ti++) {
      const t = tokens[ti]!;
      while (c < cells.length && cells[c]![1] < t.start) c++;
      if (c >= cells.length || t.start < cells[c]![0] || t.end > cells[c]![1]) continue;
      if (isMoney(t)) money.push([c, t]);
      else other |= 1 << c;
    }
    // Cells past the end of a short row state nothing.
    let empty = ((1 << MAX_TABLE_COLUMNS) - 1) & ~((1 << cells.length) - 1);
    let first = -1;
    cells.forEach(([a, b], k) => {
      if (EMPTY_CELL.test(text.slice(a, b))) empty |= 1 << k;
      else if (first < 0) first = k;
    });
    const label = first < 0 || cells[first]![1] - cells[first]![0] > 40 ? null : TABLE_TOTAL_LABEL.exec(foldWord(text.slice(cells[first]![0], cells[first]![1]).trim()));
    const row: TableRow = { money, empty, other, total: label ? (label[1] !== undefined ? 'subtotal' : 'total') : null };
    if (!row.total) {
      segment.push(row);
      continue;
    }
    checkTotalRow(row, row.total === 'total' ? segment : segment.slice(sinceSub), found);
    if (row.total === 'total') segment = [];
    sinceSub = segment.length;
  }
  return found;
}

/** Each amount of a total line against the sum of its column over `rows` (header lines skipped). */
function checkTotalRow(row: TableRow, rows: readonly TableRow[], found: SumRelation[]): void {
  for (const [c, total] of row.money) {
    if (row.money.some(([d, t]) => d === c && t !== total) || !usable(total)) continue;
    const parts: NumberToken[] = [];
    let readable = true;
    for (const line of rows) {
      const amounts = line.money.filter(([d]) => d === c);
      const bit = 1 << c;
      if (amounts.length === 0 && parts.length === 0) continue; // a header line
      if (amounts.length === 1 && !(line.other & bit) && usable(amounts[0]![1])) parts.push(amounts[0]![1]);
      else if (amounts.length > 0 || line.other & bit || !(line.empty & bit)) {
        readable = false;
        break;
      }
    }
    if (readable && parts.length >= 2) found.push({ kind: 'sum', cofinancing: false, total, parts, mode: 'equal' });
  }
}

/** « 5 000 € à A, 3 000 € à B et 2 000 € à C, soit un total de 10 000 € ». */
function findInlineTotals(ctx: Context, used: Set<NumberToken>): SumRelation[] {
  const found: SumRelation[] = [];
  ctx.tokens.forEach((total, t) => {
    if (!isMoney(total) || used.has(total) || total.hedge !== undefined) return;
    const sentence = ctx.sentences[ctx.sentenceOf[t]!]!;
    const from = Math.max(sentence.start, total.start - 40);
    // TOTAL_LEAD needs « total », « global » or « en tout »: a raw look clears most figures unfolded.
    if (!/tot|glob|tout/i.test(ctx.text.slice(from, total.start))) return;
    const lead = gap(ctx, from, total.start, 40) ?? '';
    if (!TOTAL_LEAD.test(lead.trimEnd())) return;
    const parts: NumberToken[] = [];
    let next = total;
    for (let j = t - 1; j >= 0 && ctx.sentenceOf[j] === ctx.sentenceOf[t]; j--) {
      const part = ctx.tokens[j]!;
      if (part.kind === 'date' || part.kind === 'duration') continue;
      if (!isMoney(part)) break;
      const between = gap(ctx, part.end, next.start, 120);
      if (between === null) break;
      if (next !== total && (!PART_LINK.test(between) || PART_LEAD_BLOCK.test(between))) break;
      const partLead = gap(ctx, Math.max(sentence.start, part.start - 30), part.start, 30) ?? '';
      if (PART_LEAD_BLOCK.test(partLead)) break;
      parts.unshift(part);
      next = part;
    }
    if (parts.length >= 2) found.push({ kind: 'sum', cofinancing: false, total, parts, mode: 'equal' });
  });
  return found;
}

const DONT = /^[ ,]*(?:ht|ttc)?[ ,]*(\()? ?dont (?:un montant de |une somme de |la somme de )?$/;

/** « une subvention de 50 000 €, dont 20 000 € au titre du fonctionnement et 30 000 € de l'investissement ». */
function findDont(ctx: Context): SumRelation[] {
  const found: SumRelation[] = [];
  ctx.tokens.forEach((total, t) => {
    if (!isMoney(total)) return;
    const first = ctx.tokens[t + 1];
    if (!isMoney(first) || ctx.sentenceOf[t + 1] !== ctx.sentenceOf[t]) return;
    // DONT needs the word « dont »: a raw look clears most pairs of figures unfolded.
    if (first.start - total.end > 40 || !/dont/i.test(ctx.text.slice(total.end, first.start))) return;
    const lead = gap(ctx, total.end, first.start, 40);
    const match = lead === null ? null : DONT.exec(lead);
    if (!match) return;
    const parenthesised = match[1] !== undefined;
    const parts = [first];
    for (let j = t + 2; j < ctx.tokens.length && ctx.sentenceOf[j] === ctx.sentenceOf[t]; j++) {
      const part = ctx.tokens[j]!;
      if (!isMoney(part)) break;
      const between = gap(ctx, parts[parts.length - 1]!.end, part.start, 120);
      if (between === null || !PART_LINK.test(between) || PART_LEAD_BLOCK.test(between) || /[;%]/.test(between)) break;
      if (parenthesised && between.includes(')')) break;
      parts.push(part);
    }
    // « dont » may list only some of the parts (« 500 000 €, dont 100 000 € pour les salaires et
    // 50 000 € pour les loyers »): only parts adding up to more than the whole are an error.
    found.push({ kind: 'sum', cofinancing: false, total, parts, mode: 'atMost' });
  });
  return found;
}

/** « - 17 500 € (36,84 %) pris en charge par … »: a part's share of its list's total. */
function findPartRates(ctx: Context, sums: readonly SumRelation[], rated: Set<NumberToken>): RateRelation[] {
  const found: RateRelation[] = [];
  for (const sum of sums) {
    if (sum.mode !== 'equal') continue;
    for (const part of sum.parts) {
      const i = ctx.indexOf(part);
      const rate = ctx.tokens[i + 1];
      if (!isPercent(rate) || rated.has(rate) || ctx.sentenceOf[i + 1] !== ctx.sentenceOf[i] || rate.hedge === 'approx') continue;
      const between = gap(ctx, part.end, rate.start, 20);
      if (between === null || !/^ ?(?:\(|,? ?soit|,) ?$/.test(between)) continue;
      const tail = gap(ctx, rate.end, Math.min(ctx.text.length, rate.end + 25), 25) ?? '';
      // « (40 % du coût du projet) » names another base.
      if (BASE_INTRO.test(tail) && !/^ ?(?:du total|de la subvention|du soutien|de l'aide|du montant)/.test(tail)) continue;
      rated.add(rate);
      found.push({ kind: 'rate', amount: part, rate, base: sum.total });
    }
  }
  return found;
}

const WORDS_REACH = 200;

/** The amount in words inside « ( … ) » from `open`, or null. */
function wordsIn(text: string, open: number, close: number): WordsRelation['words'] | null {
  const inner = text.slice(open + 1, close);
  const strict = parseAmountWords(inner);
  const parsed = strict ?? parseAmountWords(inner, { loose: true });
  if (!parsed) return null;
  const lead = inner.length - inner.trimStart().length;
  const trimmed = inner.trim();
  return { start: open + 1 + lead, end: open + 1 + lead + trimmed.length, text: trimmed, value: parsed.value, currency: parsed.currency, loose: !strict };
}

/** The longest run of number words ending right before `end` (« … la somme de quarante-sept mille euros »). */
function wordsBefore(text: string, end: number): WordsRelation['words'] | null {
  const from = Math.max(0, end - WORDS_REACH);
  // The phrase ends with a number or currency word: the last word decides before the window is split.
  let wordEnd = end;
  while (wordEnd > from && /[\s\u00a0\u202f-]/.test(text[wordEnd - 1]!)) wordEnd--;
  let wordStart = wordEnd;
  while (wordStart > from && /[\p{L}'’]/u.test(text[wordStart - 1]!)) wordStart--;
  if (wordStart === wordEnd || !numberWords(foldWord(text.slice(wordStart, wordEnd))).every(isNumberWord)) return null;
  const slice = text.slice(from, end);
  const word = /[\p{L}'’]+/gu;
  const spans: Array<[number, number]> = [];
  for (let m = word.exec(slice); m; m = word.exec(slice)) spans.push([m.index, m.index + m[0].length]);
  let k = spans.length;
  let stop = slice.trimEnd().length;
  while (k > 0) {
    const [s, e] = spans[k - 1]!;
    if (!/^[\s\u00a0\u202f-]*$/.test(slice.slice(e, stop)) || !numberWords(foldWord(slice.slice(s, e))).every(isNumberWord)) break;
    k--;
    stop = s;
  }
  // « de » and « et » may only stand inside the phrase, never open it.
  while (k < spans.length && /^(?:de|et|d'euros)$/.test(foldWord(slice.slice(spans[k]![0], spans[k]![1])))) k++;
  if (k >= spans.length) return null;
  const start = spans[k]![0];
  const phrase = slice.slice(start).trimEnd();
  const strict = parseAmountWords(phrase);
  const parsed = strict ?? parseAmountWords(phrase, { loose: true });
  if (!parsed) return null;
  return { start: from + start, end: from + start + phrase.length, text: phrase, value: parsed.value, currency: parsed.currency, loose: !strict };
}

/** « 47 500 € (quarante-sept mille cinq cents euros) » and « quarante-sept mille cinq cents euros (47 500 €) ». */
function findWords(ctx: Context): WordsRelation[] {
  const found: WordsRelation[] = [];
  const { text } = ctx;
  for (const t of ctx.tokens) {
    if (!isMoney(t)) continue;
    let p = t.end;
    if (text[p] === ' ' || text[p] === '\u00a0') p++;
    if (text[p] === '(') {
      // Searched in a bounded slice: an unclosed parenthesis must not make each amount read to the end.
      const within = text.slice(p + 1, p + 1 + WORDS_REACH).indexOf(')');
      const close = within < 0 ? -1 : p + 1 + within;
      const words = close > p ? wordsIn(text, p, close) : null;
      if (words) {
        found.push({ kind: 'words', amount: t, words });
        continue;
      }
    }
    let q = t.start - 1;
    if (text[q] === '(' && text[t.end] === ')') {
      while (q > 0 && /[\s\u00a0]/.test(text[q - 1]!)) q--;
      const words = wordsBefore(text, q);
      if (words) found.push({ kind: 'words', amount: t, words });
    }
  }
  return found;
}

// Across sentences and articles. A Paris-style deliberation grants one subsidy per article and
// states « La dépense correspondante, soit un montant total de 18.000 euros » in a later one.

/** Words that make a figure the whole of what the articles before granted. */
const WHOLE_TOTAL =
  /(?:la depense (?:totale )?correspondante|(?:le )?montant total (?:des|de ces) (?:subventions|aides|participations)|l'ensemble (?:de ces|des) (?:subventions|aides|participations)|soit (?:un montant total|une somme totale|une depense totale|un total|au total|en tout)|pour un montant total|d'un montant total|soit globalement)/;
/** A total of something else: a cost, a budget, the expenses of a project, the revenue. */
const WHOLE_TOTAL_BLOCK = /(?:cout|budget|eligible|subventionnable|du projet|de l'operation|plan de financement|recette|investissement total|\bdont\b|%)/;
const GRANT_NOUN = /(?:subvention|participation|\baide\b|contribution|dotation|soutien)/;
const GRANT_VERB = /(?:attribu|allou|accord|octroy|vers)/;
/** A figure of another time or kind: what was granted before, an amount per unit. */
const GRANT_BLOCK = /(?:avait|avaient|pour memoire|rappel|precedem|anterieur|l'an dernier|l'annee derniere|\bdeja\b|\bcontre\b|hausse|baisse|cout|budget|\bpar (?!(?:la|le|les|l'|l|un|une|des|du|son|sa|ses|leur|leurs)\b)|chacun|chaque|unitaire)/;
/** Bounds the look-back of one total, so an endless list of articles stays linear. */
const MAX_ARTICLE_TOKENS = 60;

/** The tokens of the article, in order; null when too many to read as a statement. */
function articleTokens(ctx: Context, doc: DocumentModel, a: number, first: number[]): number[] | null {
  const out: number[] = [];
  const end = doc.articles[a]!.end;
  for (let j = first[a]!; j < ctx.tokens.length && ctx.tokens[j]!.start < end; j++) {
    out.push(j);
    if (out.length > MAX_ARTICLE_TOKENS) return null;
  }
  return out;
}

/** What article `a` grants, amount by amount; null when it cannot be read with confidence. */
function grantedIn(ctx: Context, doc: DocumentModel, a: number, first: number[]): NumberToken[] | null {
  const indices = articleTokens(ctx, doc, a, first);
  if (indices === null) return null;
  const money = indices.filter((j) => isMoney(ctx.tokens[j]));
  if (money.length === 0) return [];
  const bySentence = new Map<number, number[]>();
  for (const j of money) bySentence.set(ctx.sentenceOf[j]!, [...(bySentence.get(ctx.sentenceOf[j]!) ?? []), j]);
  // A table row is read as a list item: « Association A<TAB>12 000 € ».
  const isItem = (s: number) => ctx.sentences[s]!.item || inRow(doc, ctx.sentences[s]!.start + 1);
  const items = [...bySentence.keys()].filter(isItem);
  const prose = [...bySentence.keys()].filter((s) => !isItem(s));
  // A « Total » row or item states the article's whole.
  const totalItem = items.find((s) => TOTAL_ITEM.test(sentenceText(ctx, s, 60).replace(BULLET, '')));
  if (totalItem !== undefined) {
    const list = bySentence.get(totalItem)!;
    return list.length === 1 && prose.length <= 1 ? [ctx.tokens[list[0]!] as NumberToken] : null;
  }
  const granted: NumberToken[] = [];
  const grantSentence = (s: number) => {
    const words = sentenceText(ctx, s, 300);
    return GRANT_NOUN.test(words) && GRANT_VERB.test(words) && !GRANT_BLOCK.test(words);
  };
  if (items.length > 0) {
    // « … allouée aux associations suivantes : - A : 12 000 € ; - B : 8 000 € »: the whole if the
    // introduction states it, else the items.
    if (prose.length > 1 || !prose.every(grantSentence) && prose.length > 0) return null;
    if (prose.length === 1) {
      if (bySentence.get(prose[0]!)!.length !== 1) return null;
      return [ctx.tokens[bySentence.get(prose[0]!)![0]!] as NumberToken];
    }
    if (!items.some(grantSentence) && !grantSentence(ctx.sentenceOf[indices[0]!]!) && !GRANT_NOUN.test(sentenceText(ctx, Math.max(0, items[0]! - 1)))) return null;
    for (const s of items) {
      const list = bySentence.get(s)!;
      const t = ctx.tokens[list[0]!] as NumberToken;
      if (list.length !== 1 || GRANT_BLOCK.test(sentenceText(ctx, s, 200))) return null;
      granted.push(t);
    }
    return granted;
  }
  for (const s of prose) {
    const list = bySentence.get(s)!;
    if (list.length !== 1 || !grantSentence(s)) return null;
    granted.push(ctx.tokens[list[0]!] as NumberToken);
  }
  return granted;
}

/** « Article 3 : La dépense correspondante, soit un montant total de 17.000 euros, … » against articles 1 and 2. */
function findArticleTotals(ctx: Context, doc: DocumentModel, used: Set<NumberToken>): SumRelation[] {
  const found: SumRelation[] = [];
  if (doc.articles.length < 2) return found;
  // The first token of each article, found in one walk.
  const first: number[] = doc.articles.map(() => ctx.tokens.length);
  for (let j = ctx.tokens.length - 1; j >= 0; j--) {
    const a = articleAt(doc, ctx.tokens[j]!.start);
    if (a >= 0) first[a] = j;
  }
  const indexOfArticle = new Map<number, number>();
  doc.articles.forEach((article, a) => {
    if (!indexOfArticle.has(article.number)) indexOfArticle.set(article.number, a);
  });
  let from = 0;
  for (let a = 0; a < doc.articles.length; a++) {
    const j = first[a]!;
    const total = ctx.tokens[j];
    if (j >= ctx.tokens.length || articleAt(doc, total!.start) !== a || !isMoney(total)) continue;
    const s = ctx.sentenceOf[j]!;
    const sentence = ctx.sentences[s]!;
    const lead = gap(ctx, Math.max(sentence.start, doc.articles[a]!.start, total.start - 160), total.start, 160) ?? '';
    if (!WHOLE_TOTAL.test(lead) || WHOLE_TOTAL_BLOCK.test(lead)) continue;
    const whole = sentenceText(ctx, s, 300);
    if (/(?:attribu|allou|accord|octroy)/.test(whole) || /: ?$/.test(sentenceTail(ctx, s, 20).trimEnd())) continue;
    const scope = from;
    from = a + 1;
    if (total.hedge !== undefined || used.has(total)) continue;
    // « la dépense correspondante aux articles 1 et 2 »: the articles it names, else those since the last total.
    const named = /(?:aux|des|l') ?articles? ((?:\d{1,3}|premier|1er)(?:(?: ?, ?| et | a )(?:\d{1,3}))*)/.exec(whole);
    const wanted = named ? new Set(named[1]!.split(/ ?, ?| et | a /).map((x) => (x === 'premier' || x === '1er' ? 1 : Number(x)))) : null;
    if (named && / a /.test(named[1]!)) {
      const [lo, hi] = named[1]!.split(' a ').map(Number);
      if (hi! - lo! > MAX_ARTICLE_TOKENS) continue;
      for (let k = lo!; k <= hi!; k++) wanted!.add(k);
    }
    const parts: NumberToken[] = [];
    let readable = true;
    // Named articles are looked up by number, so that a long text naming articles in each total stays linear.
    const targets = wanted
      ? [...wanted].map((n) => indexOfArticle.get(n)).filter((b): b is number => b !== undefined && b < a).sort((x, y) => x - y)
      : Array.from({ length: a - scope }, (_, k) => scope + k);
    if (wanted && targets.length !== wanted.size) continue;
    for (const b of targets) {
      if (!readable) break;
      const granted = grantedIn(ctx, doc, b, first);
      if (granted === null) readable = false;
      else parts.push(...granted);
    }
    if (!readable || parts.length === 0 || parts.some((p) => p.hedge !== undefined || used.has(p))) continue;
    used.add(total);
    found.push({ kind: 'sum', cofinancing: false, total, parts, mode: 'equal' });
  }
  return found;
}

/**
 * « DÉCIDE : - d'attribuer une subvention de 5 000 € à A ; - d'attribuer … 3 000 € à B ; - de dire que la
 * dépense correspondante, soit 8 000 €, sera imputée … »: the items before the total, back to the introduction.
 */
function findItemTotals(ctx: Context, doc: DocumentModel, used: Set<NumberToken>): SumRelation[] {
  const found: SumRelation[] = [];
  for (let s = 1; s < ctx.sentences.length; s++) {
    if (!ctx.sentences[s]!.item) continue;
    const j = ctx.firstToken[s]!;
    const total = ctx.tokens[j];
    if (j >= ctx.tokens.length || ctx.sentenceOf[j] !== s || !isMoney(total) || total.hedge !== undefined || used.has(total)) continue;
    const sentence = ctx.sentences[s]!;
    const lead = gap(ctx, Math.max(sentence.start, total.start - 160), total.start, 160) ?? '';
    if (!WHOLE_TOTAL.test(lead) || WHOLE_TOTAL_BLOCK.test(lead) || /(?:attribu|allou|accord|octroy)/.test(lead)) continue;
    const parts: NumberToken[] = [];
    let readable = true;
    let k = s - 1;
    for (; k >= 0 && k > s - 30 && ctx.sentences[k]!.item; k--) {
      const money: NumberToken[] = [];
      for (let t = ctx.firstToken[k]!; t < ctx.tokens.length && ctx.sentenceOf[t] === k; t++) if (isMoney(ctx.tokens[t])) money.push(ctx.tokens[t] as NumberToken);
      if (money.length === 0) continue;
      const words = sentenceText(ctx, k, 300);
      if (money.length !== 1 || !GRANT_NOUN.test(words) || !GRANT_VERB.test(words) || GRANT_BLOCK.test(words) || money[0]!.hedge !== undefined) {
        readable = false;
        break;
      }
      parts.unshift(money[0]!);
    }
    // The list must start at its introduction, and not in another article than the total.
    if (!readable || parts.length < 2 || (k >= 0 && ctx.sentences[k]!.item)) continue;
    if (articleAt(doc, parts[0]!.start) !== articleAt(doc, total.start) || parts.some((p) => used.has(p))) continue;
    used.add(total);
    found.push({ kind: 'sum', cofinancing: false, total, parts, mode: 'equal' });
  }
  return found;
}

const BUDGET_LEAD = /budget[^,;.]{0,60}$/;
const BUDGET_LEAD_BLOCK = /(?:hausse|augment|baisse|contre|\bdont\b|reste|solde|%|subvention|aide de|cout)/;
/** After a rate with no base in its sentence: « soit 14,37 %. », « représentant 23,75 % du budget prévisionnel. » */
const BARE_RATE_TAIL =
  /^[ )]*(?:(?:du|de son|de leur|de ce) budget(?: previsionnel| annuel| global| total| de fonctionnement| \d{4}| proratise[^,;.]{0,30})*(?: (?:de l'|de la |du )(?:association|structure|operation|projet|action|manifestation|festival|evenement|programme|beneficiaire|organisme))?)? *(?:[.;,]|$)/;
/**
 * « La subvention proposée représente 14,92 % de ce budget. »: a sentence whose subject names the
 * subsidy stated before, in the present tense. The words between the noun and the verb qualify it.
 */
const SUBJECT_RATE = /^\W*(?:(?:le|la|ce|cette|cet|son|sa|leur) |l')(soutien|subvention|participation|aide|financement|contribution|montant)\b([^,;:()%\d]{0,50}) (?:represente|correspond a|equivaut a) $/;

/**
 * The subsidy a subject like « Le soutien départemental » refers to: for a subsidy noun, the
 * subsidy named in one of the previous sentences; for « Ce montant », the amount of the sentence
 * just before, if a subsidy. Either must be the only amount of its sentence, else which one is
 * meant is unclear.
 */
function subjectAmount(ctx: Context, s: number, noun: string): NumberToken | undefined {
  let t: NumberToken | undefined;
  if (noun === 'montant') {
    const first = s > 0 ? firstMoneyOf(ctx, s - 1) : undefined;
    if (!first) return undefined;
    const sentence = ctx.sentences[s - 1]!;
    const lead = gap(ctx, Math.max(sentence.start, first.start - 80), first.start, 80) ?? '';
    if (!GRANT_NOUN.test(lead) || /(?:budget|cout|depense)/.test(lead)) return undefined;
    t = first;
  } else t = referent(ctx, s, noun);
  if (!t || !usable(t)) return undefined;
  const own = ctx.sentenceOf[ctx.indexOf(t)]!;
  for (let j = ctx.firstToken[own]!; j < ctx.tokens.length && ctx.sentenceOf[j] === own; j++) {
    if (ctx.tokens[j] !== t && isMoney(ctx.tokens[j])) return undefined;
  }
  return t;
}

/** « Le budget … s'élève à 320 000 €. La subvention est de 46 000 €, soit 14,37 % »: the base stated in the same article or paragraph. */
function findScopedRates(ctx: Context, doc: DocumentModel, rated: Set<NumberToken>, prorations: readonly ProrationRelation[]): RateRelation[] {
  const found: RateRelation[] = [];
  const prorationOf = new Map(prorations.map((p) => [p.prorated, p]));
  // Each token's scope and budget-ness are computed once, however many rates look at it.
  const scopes = new Map<number, string>();
  const scopeAt = (j: number) => {
    let scope = scopes.get(j);
    if (scope === undefined) {
      const offset = ctx.tokens[j]!.start;
      const article = doc.articles.length > 0 ? articleAt(doc, offset) : -1;
      scope = article >= 0 ? `a${article}` : `p${paragraphAt(doc, offset)}`;
      scopes.set(j, scope);
    }
    return scope;
  };
  const budgetLike = new Map<number, boolean>();
  const isBudget = (j: number) => {
    let known = budgetLike.get(j);
    if (known === undefined) {
      const t = ctx.tokens[j]!;
      const s = ctx.sentences[ctx.sentenceOf[j]!]!;
      const lead = gap(ctx, Math.max(s.start, t.start - 80), t.start, 80) ?? '';
      known = isMoney(t) && usable(t) && BUDGET_LEAD.test(lead) && !BUDGET_LEAD_BLOCK.test(lead.slice(lead.lastIndexOf('budget')));
      budgetLike.set(j, known);
    }
    return known;
  };
  ctx.tokens.forEach((rate, p) => {
    if (!isPercent(rate) || rate.value === null || rate.hedge === 'approx' || rated.has(rate)) return;
    const sentence = ctx.sentences[ctx.sentenceOf[p]!]!;
    const a = nearestMoney(ctx, p, -1, 100);
    let amount = ctx.tokens[a] as NumberToken | undefined;
    if (amount) {
      const linkGap = gap(ctx, amount.end, rate.start, 100);
      if (linkGap === null || !RATE_LINK.test(linkGap) || RATE_BLOCK.test(linkGap)) return;
      const before = ctx.tokens[a - 1];
      if (isMoney(before) && ctx.sentenceOf[a - 1] === ctx.sentenceOf[a] && ENUMERATION.test(gap(ctx, before.end, amount.start, 8) ?? 'x')) return;
      // The amount must be a subsidy, not a cost or a budget itself.
      const amountLead = gap(ctx, Math.max(sentence.start, amount.start - 80), amount.start, 80) ?? '';
      if (!GRANT_NOUN.test(amountLead) || /(?:budget|cout|depense)/.test(amountLead)) return;
    } else {
      // No amount before the rate in its sentence: its subject may name the subsidy.
      const subject = SUBJECT_RATE.exec(gap(ctx, sentence.start, rate.start, 120) ?? '');
      if (!subject || GRANT_BLOCK.test(subject[2]!) || (p > 0 && ctx.sentenceOf[p - 1] === ctx.sentenceOf[p])) return;
      amount = subjectAmount(ctx, ctx.sentenceOf[p]!, subject[1]!);
      if (!amount || scopeAt(ctx.indexOf(amount)) !== scopeAt(p)) return;
    }
    const tail = gap(ctx, rate.end, Math.min(sentence.end + 1, rate.end + 80), 80) ?? '';
    if (!BARE_RATE_TAIL.test(tail)) return;
    const scope = scopeAt(p);
    // « de ce budget » points back to the budget last stated, which may close the paragraph before.
    const demonstrative = /^[ )]*de ce budget/.test(tail);
    const paragraph = paragraphAt(doc, rate.start);
    const article = articleAt(doc, rate.start);
    const inScope = (j: number) =>
      scopeAt(j) === scope ||
      (demonstrative && articleAt(doc, ctx.tokens[j]!.start) === article && paragraphAt(doc, ctx.tokens[j]!.start) === paragraph - 1);
    const budgets: NumberToken[] = [];
    for (const dir of demonstrative ? ([-1] as const) : ([-1, 1] as const)) {
      for (let j = p + dir, seen = 0; j >= 0 && j < ctx.tokens.length && seen < 40; j += dir, seen++) {
        const t = ctx.tokens[j]!;
        if (Math.abs(t.start - rate.start) > 3000 || !inScope(j)) break;
        if (t !== amount && isBudget(j)) budgets.push(t as NumberToken);
        if (budgets.length > 3) break;
      }
    }
    if (budgets.length === 0 || budgets.length > 3 || budgets.some((b) => b.currency !== amount.currency)) return;
    const base = budgets.find((b) => prorationOf.has(b)) ?? budgets[0]!;
    rated.add(rate);
    found.push({ kind: 'rate', amount, rate, base, proration: prorationOf.get(base), alternatives: budgets.filter((b) => b !== base) });
  });
  return found;
}

/** All the relations stated in the text, in no particular order. */
export function findRelations(text: string, tokens: readonly Token[]): Relation[] {
  const ctx = context(text, tokens);
  const doc = documentModel(text);
  const prorations = findProrations(ctx, doc);
  const rates = findRates(ctx);
  // A map, not a find per rate: a text of many rates and prorations must stay linear.
  const prorationOfBase = new Map<Token, ProrationRelation>();
  for (const p of prorations) if (!prorationOfBase.has(p.prorated)) prorationOfBase.set(p.prorated, p);
  for (const rate of rates) rate.proration = prorationOfBase.get(rate.base);
  const used = new Set<NumberToken>();
  const dont = findDont(ctx);
  // « 150 000 F, dont 100 000 F … et 50 000 F …, représentant 7,5 % »: the rate is the whole's.
  // Filled in a loop: a text of « dont » chains has as many parts as figures.
  if (rates.length > 0) {
    const wholeOf = new Map<NumberToken, NumberToken>();
    for (const sum of dont) for (const part of sum.parts) wholeOf.set(part, sum.total);
    for (const rate of rates) rate.amount = wholeOf.get(rate.amount) ?? rate.amount;
  }
  const sums = [...findLists(ctx, used), ...findInlineLists(ctx, used), ...findParenthesisedSplits(ctx, used), ...findInlineTotals(ctx, used), ...dont];
  sums.push(...findArticleTotals(ctx, doc, used), ...findItemTotals(ctx, doc, used), ...findTableTotals(ctx, doc));
  const rated = new Set(rates.map((r) => r.rate));
  const partRates = findPartRates(ctx, sums, rated);
  const scoped = findScopedRates(ctx, doc, rated, prorations);
  return [...prorations, ...rates, ...sums, ...partRates, ...scoped, ...findWords(ctx)];
}
