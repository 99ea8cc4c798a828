/**
 * Stage 2 of the audit: the relations a report states between its figures. Each finder
 * looks only at a bounded neighbourhood of tokens in the same sentence (or the list items
 * right after an introduction), so the stage stays linear in the text's length.
 *
 * The finders are deliberately strict about wording: a relation read into a sentence that
 * does not state it would raise a false alarm, which costs the user's trust as much as a
 * missed error. A sentence we cannot read with confidence yields no relation.
 */
import { Dec } from '../decimal';
import { foldWord, type NumberToken, type Token } from './scan';

export interface RateRelation {
  kind: 'rate';
  amount: NumberToken;
  rate: NumberToken;
  base: NumberToken;
  /** Set when the base is the prorated budget of a stated proration. */
  proration?: ProrationRelation;
}

export interface ProrationRelation {
  kind: 'proration';
  annual: NumberToken;
  prorated: NumberToken;
  months: Dec;
  duration: Token;
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

export type Relation = RateRelation | ProrationRelation | SumRelation;

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
  indexOf: Map<Token, number>;
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
  return { text, tokens, sentenceOf, sentences: list, firstToken, indexOf: new Map(tokens.map((token, i) => [token, i])) };
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
    const baseGap = base ? gap(ctx, rate.end, base.start, 200) : null;
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
function findProrations(ctx: Context): ProrationRelation[] {
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
    if (prorated < 0 || annual < 0) return;
    found.push({
      kind: 'proration',
      annual: ctx.tokens[annual] as NumberToken,
      prorated: ctx.tokens[prorated] as NumberToken,
      months: duration.months,
      duration,
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

/** « Ce soutien financier se décompose comme suit : - 17 500 € … ; - 30 000 € … », and a « Total » line under a list. */
function findLists(ctx: Context, used: Set<NumberToken>): SumRelation[] {
  const found: SumRelation[] = [];
  for (let s = 0; s < ctx.sentences.length; s++) {
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

/** « 5 000 € à A, 3 000 € à B et 2 000 € à C, soit un total de 10 000 € ». */
function findInlineTotals(ctx: Context, used: Set<NumberToken>): SumRelation[] {
  const found: SumRelation[] = [];
  ctx.tokens.forEach((total, t) => {
    if (!isMoney(total) || used.has(total) || total.hedge !== undefined) return;
    const sentence = ctx.sentences[ctx.sentenceOf[t]!]!;
    const lead = gap(ctx, Math.max(sentence.start, total.start - 40), total.start, 40) ?? '';
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
      const i = ctx.indexOf.get(part)!;
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

/** All the relations stated in the text, in no particular order. */
export function findRelations(text: string, tokens: readonly Token[]): Relation[] {
  const ctx = context(text, tokens);
  const prorations = findProrations(ctx);
  const rates = findRates(ctx);
  for (const rate of rates) rate.proration = prorations.find((p) => p.prorated === rate.base);
  const used = new Set<NumberToken>();
  const dont = findDont(ctx);
  // « 150 000 F, dont 100 000 F … et 50 000 F …, représentant 7,5 % »: the rate is the whole's.
  const wholeOf = new Map(dont.flatMap((sum) => sum.parts.map((part): [NumberToken, NumberToken] => [part, sum.total])));
  for (const rate of rates) rate.amount = wholeOf.get(rate.amount) ?? rate.amount;
  const sums = [...findLists(ctx, used), ...findInlineTotals(ctx, used), ...dont];
  const rated = new Set(rates.map((r) => r.rate));
  return [...prorations, ...rates, ...sums, ...findPartRates(ctx, sums, rated)];
}
