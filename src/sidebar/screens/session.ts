/**
 * « Séance »: every report of a council session and its summary. The user chooses the
 * session (or the selected rows), sees the plan (dossiers with errors, reports up to date,
 * documents against the daily quota), starts, and this screen drives the run: one server
 * call per chunk, one after the other, a progress bar between them (and the current dossier,
 * polled while a chunk works), cancel, then each dossier's outcome with its link or error.
 * A run left unfinished (closed sidebar, time limit) is offered for resuming when the
 * screen opens again.
 */
import type { RunRequest, RunView, SessionPlan, StartResult } from '../../app/batch-api';
import type { SessionInfo } from '../../core/session';
import { announce, clear, disableKeepingFocus, focusLost, h } from '../dom';
import { call } from '../rpc';
import { focusHeading, registerScreen } from '../screens';

const TEXT = {
  title: 'Séance',
  heading: 'Générer une séance',
  intro: 'Toutes les notes des dossiers d’une séance, et le récapitulatif de la séance (un tableau des subventions et leurs totaux).',
  loading: 'Lecture des séances…',
  choose: 'Dossiers à générer',
  selection: (n: number) => `Lignes sélectionnées dans « Dossiers » (${n})`,
  sessionOption: (s: SessionInfo) => `${s.name} (${s.count} dossier${s.count > 1 ? 's' : ''})`,
  includeErrors: 'Inclure les dossiers en erreur',
  regenerate: 'Régénérer les notes déjà à jour',
  pdf: 'Exporter aussi en PDF',
  account: 'Type de compte Google (quota de documents par jour)',
  consumer: 'Compte personnel : 250 par jour',
  workspace: 'Google Workspace : 1 500 par jour',
  plan: 'Préparer',
  planning: 'Préparation…',
  planTitle: 'Avant de commencer',
  dossierCount: (n: number, created: number, conventions: number) =>
    `${n} dossier${n > 1 ? 's' : ''}, ${created} note${created > 1 ? 's' : ''}${conventions ? ` et ${conventions} convention${conventions > 1 ? 's' : ''}` : ''} à créer.`,
  errorsTitle: 'Dossiers en erreur',
  start: 'Générer la séance',
  starting: 'Démarrage…',
  progressTitle: 'Génération en cours',
  doneTitle: 'Génération terminée',
  cancelledTitle: 'Génération annulée',
  progressLabel: 'Avancement de la génération',
  progressText: (done: number, total: number, current: string) => `${done} sur ${total}${current ? ` — en cours : ${current}` : ''}`,
  counts: (v: RunView) =>
    `Notes : ${v.counts.created} créée${v.counts.created > 1 ? 's' : ''}, ${v.counts.upToDate} à jour, ${v.counts.errors} en échec, ${v.counts.skipped} ignorée${v.counts.skipped > 1 ? 's' : ''}` +
    (v.conventions?.total ? ` ; conventions : ${v.conventions.created} créée${v.conventions.created > 1 ? 's' : ''}, ${v.conventions.upToDate} à jour, ${v.conventions.errors} en échec` : ''),
  current: (who: string) => `Dossier en cours : ${who}`,
  summaryPending: 'Récapitulatif : après les notes.',
  cancel: 'Annuler',
  cancelling: 'Annulation…',
  resume: 'Reprendre',
  resumeHint: 'Une génération n’est pas terminée : reprenez-la là où elle s’est arrêtée (rien ne sera refait), ou annulez-la.',
  interrupted: (m: string) => `La génération s’est interrompue : ${m} Reprenez-la : rien de ce qui est fait ne sera refait.`,
  resultsTitle: 'Résultat',
  summaryLink: 'Ouvrir le récapitulatif de la séance',
  summaryError: (m: string) => `Le récapitulatif n’a pas pu être créé : ${m}`,
  openReport: (who: string) => `Ouvrir la note de ${who}`,
  openConvention: (who: string) => `Ouvrir la convention de ${who}`,
  conventionError: (m: string) => `Convention : ${m}`,
  newTab: ' (nouvel onglet)',
  again: 'Nouvelle génération',
  failed: (m: string) => `L’opération a échoué : ${m}`,
};

/** How often the current dossier is asked for while a chunk works. */
const POLL_MS = 10000;

const newTabLink = (href: string, label: string, cls = 'outcome-link') => h('a', { href, target: '_blank', rel: 'noopener', class: cls }, label, h('span', { class: 'new-tab', text: TEXT.newTab }));

function screen(root: HTMLElement): void {
  const choice = h('select', { id: 'session-choice' });
  const includeErrors = h('input', { type: 'checkbox', id: 'session-include-errors' });
  const regenerate = h('input', { type: 'checkbox', id: 'session-regenerate' });
  const pdf = h('input', { type: 'checkbox', id: 'session-pdf' });
  const consumer = h('input', { type: 'radio', name: 'session-quota', id: 'session-quota-250', value: '250', checked: true });
  const workspace = h('input', { type: 'radio', name: 'session-quota', id: 'session-quota-1500', value: '1500' });
  const planButton = h('button', { type: 'button', class: 'action', id: 'session-plan', text: TEXT.plan });
  const planBox = h('div', { id: 'session-plan-box', class: 'panel', hidden: true });
  const runBox = h('div', { id: 'session-run', class: 'panel', hidden: true });
  const setup = h(
    'div',
    { id: 'session-setup' },
    h('div', { class: 'form-group' }, h('label', { for: 'session-choice', text: TEXT.choose }), choice),
    h('div', { class: 'form-group checkbox' }, includeErrors, h('label', { for: 'session-include-errors', text: TEXT.includeErrors })),
    h('div', { class: 'form-group checkbox' }, regenerate, h('label', { for: 'session-regenerate', text: TEXT.regenerate })),
    h('div', { class: 'form-group checkbox' }, pdf, h('label', { for: 'session-pdf', text: TEXT.pdf })),
    h(
      'fieldset',
      { class: 'form-group', id: 'session-account' },
      h('legend', { class: 'legend', text: TEXT.account }),
      h('div', { class: 'checkbox' }, consumer, h('label', { for: 'session-quota-250', text: TEXT.consumer })),
      h('div', { class: 'checkbox' }, workspace, h('label', { for: 'session-quota-1500', text: TEXT.workspace })),
    ),
    h('div', { class: 'button-row' }, planButton),
  );
  root.append(h('h1', { text: TEXT.heading }), h('p', { class: 'screen-subtitle', text: TEXT.intro }), setup, planBox, runBox);
  focusHeading(root);

  let selectionRefs: string[] = [];
  const request = (): RunRequest => {
    const value = choice.value;
    const base = { includeErrors: includeErrors.checked, regenerate: regenerate.checked, pdf: pdf.checked, dailyQuota: workspace.checked ? 1500 : 250 };
    return value === '__selection__' ? { ...base, refs: selectionRefs } : { ...base, session: value };
  };

  // --- the plan ---
  const showPlan = (plan: SessionPlan) => {
    clear(planBox);
    planBox.hidden = false;
    planBox.append(h('h2', { id: 'session-plan-title', tabindex: -1, text: TEXT.planTitle }));
    if (plan.dossiers.length) planBox.append(h('p', { id: 'session-plan-count', text: TEXT.dossierCount(plan.counts.total, plan.counts.toCreate, plan.counts.conventionsToCreate ?? 0) }));
    const list = h('ul', { class: 'finding-list', id: 'session-plan-messages' });
    for (const m of plan.messages) list.append(h('li', { text: m }));
    if (plan.messages.length) planBox.append(list);
    const withErrors = plan.dossiers.filter((d) => d.errors.length);
    if (withErrors.length) {
      const errors = h('ul', { class: 'finding-list', id: 'session-plan-errors' });
      for (const d of withErrors) errors.append(h('li', { class: 'finding-error' }, h('strong', { text: `${d.ref} ${d.beneficiary}` }), ` : ${d.errors.join(' ')}`));
      planBox.append(h('h3', { text: TEXT.errorsTitle }), errors);
    }
    if (plan.refusal) planBox.append(h('p', { class: 'finding-error', id: 'session-refusal', role: 'alert', text: plan.refusal }));
    for (const e of plan.templateErrors ?? []) planBox.append(h('p', { class: 'finding-error', text: `${e.place} : ${e.message}` }));
    if (plan.ok) {
      const start = h('button', { type: 'button', class: 'create', id: 'session-start', text: TEXT.start });
      start.addEventListener('click', () => void begin(start));
      planBox.append(h('div', { class: 'button-row' }, start));
    }
  };

  planButton.addEventListener('click', async () => {
    const release = disableKeepingFocus(planButton);
    announce(TEXT.planning);
    try {
      showPlan(await call<SessionPlan>('planSessionRun', request()));
      announce('');
    } catch (e) {
      announce(TEXT.failed((e as Error).message), 'error');
    } finally {
      release();
    }
  });

  // --- the run ---
  let cancelled = false;
  const bar = h('div', { class: 'progress-fill' });
  const progress = h('div', { id: 'session-progress', class: 'progress', role: 'progressbar', 'aria-label': TEXT.progressLabel, 'aria-valuemin': 0, 'aria-valuemax': 0, 'aria-valuenow': 0 }, bar);
  const progressText = h('p', { id: 'session-progress-text' });
  const countsText = h('p', { id: 'session-counts', class: 'hint' });
  const currentText = h('p', { id: 'session-current', 'aria-live': 'polite' });
  const cancelButton = h('button', { type: 'button', id: 'session-cancel', text: TEXT.cancel });
  const resumeButton = h('button', { type: 'button', class: 'action', id: 'session-resume', text: TEXT.resume, hidden: true });
  const note = h('p', { id: 'session-note' });
  const results = h('div', { id: 'session-results' });
  const runTitle = h('h2', { id: 'session-run-title', tabindex: -1 });
  // A hidden or replaced button (start, cancel, resume, a result's link) leaves the keyboard
  // on <body>: the run's title takes its place.
  const keepFocus = (lost = focusLost()) => lost && runTitle.focus();

  const render = (v: RunView) => {
    const title = v.status === 'done' ? TEXT.doneTitle : v.status === 'cancelled' ? TEXT.cancelledTitle : TEXT.progressTitle;
    runTitle.textContent = v.label ? `${title} : ${v.label}` : title;
    const current = v.current ? `${v.current.ref}${v.current.beneficiary ? ` ${v.current.beneficiary}` : ''}` : '';
    progress.setAttribute('aria-valuemax', String(v.total));
    progress.setAttribute('aria-valuenow', String(v.done));
    progress.setAttribute('aria-valuetext', TEXT.progressText(v.done, v.total, v.status === 'running' ? current : ''));
    bar.style.width = `${v.total ? Math.round((100 * v.done) / v.total) : 100}%`;
    progressText.textContent = TEXT.progressText(v.done, v.total, '');
    countsText.textContent = TEXT.counts(v);
    currentText.textContent = v.status === 'running' && current ? TEXT.current(current) : '';
    // While it simply runs, the bar and its text say it all.
    note.textContent = v.status === 'running' && !v.stopped && !v.cancelRequested && !v.busy ? '' : v.message;
    note.className = v.stopped ? 'finding-error' : '';
    cancelButton.hidden = v.status !== 'running';
    if (v.status !== 'running') resumeButton.hidden = true;
    if (v.status !== 'running') renderResults(v);
    // Only a button of this box just hidden: a poll must not take a focus the user left elsewhere.
    keepFocus(runBox.contains(document.activeElement) && focusLost());
  };

  const renderResults = (v: RunView) => {
    keepFocus(results.contains(document.activeElement));
    clear(results);
    results.append(h('h2', { text: TEXT.resultsTitle }));
    if (v.summary?.url) results.append(h('p', {}, newTabLink(v.summary.url, TEXT.summaryLink)));
    if (v.summary?.status === 'error') results.append(h('p', { class: 'finding-error', text: TEXT.summaryError(v.summary.message ?? '') }));
    const list = h('ul', { class: 'session-results' });
    for (const item of v.items) {
      const who = `${item.ref}${item.beneficiary ? ` ${item.beneficiary}` : ''}`;
      const li = h('li', { class: `session-item item-${item.status}` }, h('span', { class: 'session-item-name', text: who }), ' ', h('span', { class: 'badge', text: item.statusText }));
      if (item.url) li.append(' ', newTabLink(item.url, TEXT.openReport(item.beneficiary || item.ref), 'session-link'));
      if (item.message) li.append(h('span', { class: 'finding-error session-item-error', text: item.message }));
      const c = item.convention;
      if (c) {
        li.append(' ', h('span', { class: `badge convention-${c.status}`, text: c.statusText }));
        if (c.url) li.append(' ', newTabLink(c.url, TEXT.openConvention(item.beneficiary || item.ref), 'session-link session-convention-link'));
        if (c.message) li.append(h('span', { class: 'finding-error session-item-error', text: TEXT.conventionError(c.message) }));
      }
      list.append(li);
    }
    const again = h('button', { type: 'button', class: 'secondary', id: 'session-again', text: TEXT.again });
    again.addEventListener('click', () => {
      runBox.hidden = true;
      setup.hidden = false;
      planBox.hidden = true;
      choice.focus();
    });
    results.append(list, h('div', { class: 'button-row' }, again));
  };

  const showRun = (v: RunView) => {
    const lost = focusLost(runBox);
    setup.hidden = true;
    planBox.hidden = true;
    runBox.hidden = false;
    clear(runBox);
    clear(results);
    runBox.append(runTitle, progress, progressText, countsText, currentText, note, h('div', { class: 'button-row' }, resumeButton, cancelButton), results);
    render(v);
    keepFocus(lost);
  };

  /** One chunk after the other until the run is no longer running, stopped, or cancelled here. */
  const drive = async (runId: string) => {
    cancelled = false;
    resumeButton.hidden = true;
    keepFocus();
    for (;;) {
      if (cancelled) return;
      let polling = true;
      const poll = async () => {
        while (polling) {
          await new Promise((r) => setTimeout(r, POLL_MS));
          if (!polling) return;
          try {
            const live = await call<RunView>('sessionRunStatus');
            if (polling && live.status === 'running' && live.runId === runId) render(live);
          } catch {
            // The next chunk's answer says everything: a failed poll changes nothing.
          }
        }
      };
      void poll();
      let view: RunView;
      try {
        view = await call<RunView>('runSessionChunk', runId);
      } catch (e) {
        polling = false;
        // The time limit, or a broken chunk: what is committed stays; resume redoes the rest.
        note.textContent = TEXT.interrupted((e as Error).message);
        note.className = 'finding-error';
        resumeButton.hidden = false;
        announce(TEXT.interrupted((e as Error).message), 'error');
        return;
      } finally {
        polling = false;
      }
      render(view);
      if (view.busy) {
        await new Promise((r) => setTimeout(r, Math.min(view.busy!.retryAfterMs, 15000)));
        continue;
      }
      if (view.stopped) {
        resumeButton.hidden = false;
        announce(view.stopped, 'error');
        return;
      }
      if (view.status !== 'running') {
        announce(view.message, view.status === 'done' ? 'ok' : 'info');
        return;
      }
    }
  };

  resumeButton.addEventListener('click', () => {
    const runId = resumeButton.getAttribute('data-run');
    if (runId) void drive(runId);
  });
  cancelButton.addEventListener('click', async () => {
    const runId = resumeButton.getAttribute('data-run');
    if (!runId) return;
    cancelled = true;
    const release = disableKeepingFocus(cancelButton);
    cancelButton.textContent = TEXT.cancelling;
    try {
      render(await call<RunView>('cancelSessionRun', runId));
    } catch (e) {
      announce(TEXT.failed((e as Error).message), 'error');
    } finally {
      release();
      keepFocus();
      cancelButton.textContent = TEXT.cancel;
    }
  });

  const begin = async (button: HTMLButtonElement) => {
    const release = disableKeepingFocus(button);
    announce(TEXT.starting);
    try {
      const result = await call<StartResult>('startSessionRun', request());
      if (result.status === 'refused') {
        showPlan(result.plan);
        return planBox.querySelector('h2')!.focus();
      }
      const run = result.run;
      resumeButton.setAttribute('data-run', run.runId ?? '');
      showRun(run);
      if (result.status === 'already_running') {
        note.textContent = result.message;
        resumeButton.hidden = false;
        return;
      }
      announce('');
      await drive(run.runId!);
    } catch (e) {
      announce(TEXT.failed((e as Error).message), 'error');
    } finally {
      release();
    }
  };

  // --- opening: the sessions, and a run left unfinished ---
  void (async () => {
    announce(TEXT.loading);
    try {
      const [list, status] = await Promise.all([
        call<{ ready: boolean; sessions: SessionInfo[]; selection: { count: number; refs: string[] }; googleQuota?: boolean; message?: string }>('listSessions'),
        call<RunView>('sessionRunStatus'),
      ]);
      selectionRefs = list.selection.refs;
      // The local default writes files: no Google account, no quota to choose.
      if (list.googleQuota === false) setup.querySelector('#session-account')?.remove();
      for (const s of list.sessions) choice.append(h('option', { value: s.name, text: TEXT.sessionOption(s) }));
      if (list.selection.count) choice.append(h('option', { value: '__selection__', text: TEXT.selection(list.selection.count) }));
      planButton.disabled = choice.options.length === 0;
      announce(list.message ?? '');
      if (status.status === 'running') {
        resumeButton.setAttribute('data-run', status.runId ?? '');
        showRun(status);
        note.textContent = TEXT.resumeHint;
        resumeButton.hidden = false;
      }
    } catch (e) {
      announce(TEXT.failed((e as Error).message), 'error');
    }
  })();
}

registerScreen({
  id: 'session',
  title: TEXT.title,
  nav: true,
  render: (root) => screen(root),
});
