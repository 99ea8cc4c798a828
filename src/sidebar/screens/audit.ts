/**
 * « Vérifier une note »: the audit of a report's figures, on a pasted text or a Google Doc.
 * The findings are listed, and the text is shown with each finding's excerpt highlighted at
 * its offset: `<mark>` elements built with the DOM (never HTML strings: the text is the
 * user's). « Voir dans le texte » moves the focus to a finding's place; Escape comes back.
 */
import type { AuditResult } from '../../app/audit-api';
import type { AuditFinding, Severity } from '../../core/findings';
import { announce, disableKeepingFocus, h } from '../dom';
import { call } from '../rpc';
import { focusHeading, registerScreen } from '../screens';

const TEXT = {
  title: 'Vérifier une note',
  intro: 'Rapporteur relit les chiffres d’une note : nombres mal écrits, taux, budgets proratisés, totaux et cofinancements qui ne concordent pas, styles de nombres mélangés.',
  pasteTitle: 'Texte collé',
  pasteLabel: 'Texte de la note',
  pasteHint: 'Collez le texte depuis Word, Docs ou un PDF.',
  pasteSubmit: 'Vérifier le texte',
  docTitle: 'Google Doc',
  docLabel: 'Adresse ou identifiant du Google Doc',
  docHint: 'Un document que votre compte peut ouvrir ; il est lu, jamais modifié.',
  docSubmit: 'Vérifier le document',
  checking: 'Vérification en cours…',
  failed: (m: string) => `La vérification a échoué : ${m}`,
  resultTitle: 'Résultat',
  source: 'Document : ',
  newTab: ' (nouvel onglet)',
  findingsTitle: 'Constats',
  textTitle: 'Texte vérifié',
  textLabel: 'Texte vérifié, chiffres en cause surlignés',
  keyboardHint: '« Voir dans le texte » place le curseur sur le passage surligné ; la touche Échap revient au constat.',
  goTo: 'Voir dans le texte',
  goToLabel: (n: number) => `Voir dans le texte : constat ${n}`,
  excerpt: (e: string) => `Passage : « ${e} »`,
  notPlaced: 'Passage introuvable dans le texte affiché.',
  prefix: { error: 'Erreur : ', warning: 'Attention : ', info: 'Info : ' } as Record<Severity, string>,
};

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** A finding is placed only when its excerpt really stands at its offset in the text shown. */
const placed = (text: string, f: AuditFinding) => f.excerpt.length > 0 && f.offset >= 0 && text.slice(f.offset, f.offset + f.excerpt.length) === f.excerpt;

/**
 * The text as nodes: plain text between findings, a `<mark>` for every stretch one finding or
 * more cover (findings may overlap: a total's sentence around a malformed number). The first
 * mark of finding i gets the id `audit-mark-i`; each mark names the findings it belongs to.
 */
export function highlight(text: string, findings: readonly AuditFinding[], onEscape: (index: number) => void): { nodes: Node[]; firsts: Map<number, HTMLElement> } {
  const ranges = findings.map((f, i) => ({ i, start: f.offset, end: f.offset + f.excerpt.length, severity: f.severity })).filter((r) => placed(text, findings[r.i]!));
  const cuts = [...new Set([0, text.length, ...ranges.flatMap((r) => [r.start, r.end])])].sort((a, b) => a - b);
  const nodes: Node[] = [];
  const firsts = new Map<number, HTMLElement>();
  for (let k = 0; k + 1 < cuts.length; k++) {
    const a = cuts[k]!;
    const b = cuts[k + 1]!;
    const piece = text.slice(a, b);
    const covering = ranges.filter((r) => r.start <= a && b <= r.end);
    if (!covering.length) {
      nodes.push(document.createTextNode(piece));
      continue;
    }
    const worst = covering.reduce((x, y) => (RANK[y.severity] < RANK[x.severity] ? y : x));
    const mark = h('mark', {
      class: `audit-mark mark-${worst.severity}`,
      tabindex: -1,
      'data-findings': covering.map((r) => r.i + 1).join(' '),
      'aria-describedby': covering.map((r) => `audit-finding-${r.i}-msg`).join(' '),
      text: piece,
    });
    mark.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onEscape(covering[0]!.i);
      }
    });
    for (const r of covering) if (!firsts.has(r.i)) firsts.set(r.i, mark);
    nodes.push(mark);
  }
  for (const [i, mark] of firsts) mark.id = `audit-mark-${i}`;
  return { nodes, firsts };
}

function renderResult(box: HTMLElement, r: Extract<AuditResult, { status: 'audited' }>): void {
  const heading = h('h2', { id: 'audit-result-title', tabindex: -1, text: TEXT.resultTitle });
  const summary = h('p', { id: 'audit-summary', class: r.findings.some((f) => f.severity === 'error') ? 'sum-count has-errors' : r.findings.length ? 'sum-count has-warnings' : 'sum-count is-ok', text: r.summary });
  const source = r.source ? h('p', { class: 'hint' }, TEXT.source, h('a', { href: r.source.url, target: '_blank', rel: 'noopener', id: 'audit-source' }, r.source.name, h('span', { class: 'new-tab', text: TEXT.newTab }))) : null;
  const buttons: HTMLButtonElement[] = [];
  const back = (i: number) => buttons[i]?.focus();
  const { nodes, firsts } = highlight(r.text, r.findings, back);
  const items = r.findings.map((f, i) => {
    const target = firsts.get(i);
    const button = h('button', { type: 'button', class: 'secondary goto', id: `audit-goto-${i}`, 'aria-label': TEXT.goToLabel(i + 1), text: TEXT.goTo });
    buttons[i] = button;
    button.addEventListener('click', () => {
      for (const m of box.querySelectorAll('.audit-mark.is-current')) m.classList.remove('is-current');
      target?.classList.add('is-current');
      target?.scrollIntoView({ block: 'center' });
      target?.focus({ preventScroll: true });
    });
    return h(
      'li',
      { class: 'audit-finding', id: `audit-finding-${i}` },
      h('p', { class: `finding finding-${f.severity}`, id: `audit-finding-${i}-msg` }, h('span', { class: 'finding-prefix', text: TEXT.prefix[f.severity] }), f.message),
      h('p', { class: 'hint excerpt', text: TEXT.excerpt(f.excerpt) }),
      target ? button : h('p', { class: 'hint', text: TEXT.notPlaced }),
    );
  });
  box.replaceChildren(
    heading,
    summary,
    source ?? '',
    items.length ? h('h3', { id: 'audit-findings-title', text: TEXT.findingsTitle }) : '',
    items.length ? h('ol', { class: 'audit-findings', id: 'audit-findings', 'aria-labelledby': 'audit-findings-title' }, ...items) : '',
    items.length ? h('p', { class: 'hint', text: TEXT.keyboardHint }) : '',
    h('h3', { id: 'audit-text-title', text: TEXT.textTitle }),
    h('div', { class: 'audit-document', id: 'audit-document', tabindex: 0, role: 'region', 'aria-label': TEXT.textLabel }, ...nodes),
  );
  box.hidden = false;
  heading.focus();
}

registerScreen({
  id: 'audit',
  title: TEXT.title,
  nav: true,
  render(root) {
    const text = h('textarea', { id: 'audit-text', rows: 8, spellcheck: 'false', 'aria-describedby': 'audit-text-hint audit-text-msg' });
    const doc = h('input', { id: 'audit-doc', type: 'text', autocomplete: 'off', spellcheck: 'false', inputmode: 'url', 'aria-describedby': 'audit-doc-hint audit-doc-msg' });
    // A refused text or address is said beside its field, as the form's errors are: the alert
    // alone was gone at the next announcement, and nothing on the page said what was wrong.
    const textMsg = h('div', { id: 'audit-text-msg', class: 'field-message' });
    const docMsg = h('div', { id: 'audit-doc-msg', class: 'field-message' });
    const refuse = (message: HTMLElement, why: string) => message.replaceChildren(h('p', { class: 'finding finding-error' }, h('span', { class: 'finding-prefix', text: 'Erreur : ' }), why));
    for (const [field, message] of [[text, textMsg], [doc, docMsg]] as const)
      field.addEventListener('input', () => {
        if (field.getAttribute('aria-invalid') !== 'true') return;
        field.removeAttribute('aria-invalid');
        message.replaceChildren();
      });
    const textSubmit = h('button', { type: 'submit', class: 'action', id: 'audit-text-submit', text: TEXT.pasteSubmit });
    const docSubmit = h('button', { type: 'submit', class: 'action', id: 'audit-doc-submit', text: TEXT.docSubmit });
    const result = h('section', { id: 'audit-result', class: 'panel', 'aria-labelledby': 'audit-result-title', hidden: true });

    const run = async (button: HTMLButtonElement, name: 'auditText' | 'auditGoogleDoc', arg: string, field: HTMLElement, message: HTMLElement) => {
      const release = disableKeepingFocus(button);
      button.setAttribute('aria-busy', 'true');
      field.removeAttribute('aria-invalid');
      message.replaceChildren();
      announce(TEXT.checking);
      try {
        const r = await call<AuditResult>(name, arg);
        if (r.status === 'error') {
          field.setAttribute('aria-invalid', 'true');
          refuse(message, r.message);
          announce(r.message, 'error');
          field.focus();
          return;
        }
        renderResult(result, r);
        announce(r.summary, r.findings.some((f) => f.severity === 'error') ? 'error' : 'ok');
      } catch (e) {
        announce(TEXT.failed((e as Error).message), 'error');
      } finally {
        button.removeAttribute('aria-busy');
        release();
      }
    };

    const textForm = h(
      'form',
      { id: 'audit-text-form', class: 'panel', novalidate: true, 'aria-labelledby': 'audit-paste-title' },
      h('h2', { id: 'audit-paste-title', text: TEXT.pasteTitle }),
      h('div', { class: 'form-group' }, h('label', { for: 'audit-text', text: TEXT.pasteLabel }), text, h('p', { id: 'audit-text-hint', class: 'hint', text: TEXT.pasteHint }), textMsg),
      textSubmit,
    );
    const docForm = h(
      'form',
      { id: 'audit-doc-form', class: 'panel', novalidate: true, 'aria-labelledby': 'audit-gdoc-title' },
      h('h2', { id: 'audit-gdoc-title', text: TEXT.docTitle }),
      h('div', { class: 'form-group' }, h('label', { for: 'audit-doc', text: TEXT.docLabel }), doc, h('p', { id: 'audit-doc-hint', class: 'hint', text: TEXT.docHint }), docMsg),
      docSubmit,
    );
    textForm.addEventListener('submit', (e) => {
      e.preventDefault();
      void run(textSubmit, 'auditText', text.value, text, textMsg);
    });
    docForm.addEventListener('submit', (e) => {
      e.preventDefault();
      void run(docSubmit, 'auditGoogleDoc', doc.value, doc, docMsg);
    });
    root.append(h('h1', { id: 'audit-title', text: TEXT.title }), h('p', { class: 'hint', text: TEXT.intro }), textForm, docForm, result);
    focusHeading(root);
  },
});
