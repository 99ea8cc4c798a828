/**
 * The preview page: what Sheets would show around the sidebar, so the whole flow is visible
 * on one screen without a Google account: the sidebar itself (the real dist/Sidebar.html,
 * 300 px, in an iframe as Sheets serves it), the « Dossiers » sheet as a table, and the
 * reports written so far as links. Values are rendered with textContent only.
 */
export const PREVIEW_PAGE = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rapporteur — aperçu local</title>
<style>
  :root { font-family: Arial, Helvetica, sans-serif; color: #202124; background: #f1f3f4; }
  body { margin: 0; }
  header { background: #fff; border-bottom: 1px solid #dadce0; padding: 8px 16px; display: flex; gap: 16px; align-items: baseline; flex-wrap: wrap; }
  header h1 { font-size: 18px; margin: 0; }
  header p { margin: 0; font-size: 13px; color: #3c4043; }
  main { display: flex; gap: 16px; padding: 16px; align-items: flex-start; }
  .sheet { flex: 1; min-width: 0; display: flex; flex-direction: column; gap: 16px; }
  section { background: #fff; border: 1px solid #dadce0; border-radius: 4px; padding: 8px 12px; }
  h2 { font-size: 15px; margin: 4px 0 8px; }
  .scroll { overflow: auto; max-height: 60vh; }
  table { border-collapse: collapse; font-size: 12px; }
  th, td { border: 1px solid #dadce0; padding: 3px 6px; white-space: nowrap; text-align: left; }
  th { background: #f8f9fa; position: sticky; top: 0; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  tr.active td { background: #e8f0fe; }
  tbody tr:hover td { background: #f1f3f4; }
  tbody tr:focus-visible { outline: 2px solid #1a73e8; outline-offset: -2px; }
  aside { width: 300px; flex: none; background: #fff; border: 1px solid #dadce0; border-radius: 4px; }
  aside h2 { padding: 8px 12px 0; }
  iframe { width: 300px; height: calc(100vh - 130px); min-height: 560px; border: 0; display: block; }
  a { color: #1a0dab; }
  .muted { color: #5f6368; font-size: 13px; }
</style>
</head>
<body>
<header>
  <h1>Rapporteur — aperçu local</h1>
  <p id="files"></p>
</header>
<main aria-label="Aperçu du classeur">
  <div class="sheet">
    <section aria-labelledby="sheet-title">
      <h2 id="sheet-title">Feuille « Dossiers »</h2>
      <p class="muted">Ce que le classeur contient, comme dans Google Sheets. Cliquez une ligne (ou Entrée) pour en faire la ligne active du formulaire.</p>
      <div class="scroll" tabindex="0" aria-label="Feuille Dossiers, défilable"><table id="sheet"><thead></thead><tbody></tbody></table></div>
    </section>
    <section aria-labelledby="reports-title">
      <h2 id="reports-title">Notes générées</h2>
      <ul id="reports"></ul>
    </section>
  </div>
  <aside aria-labelledby="sidebar-title">
    <h2 id="sidebar-title">Barre latérale</h2>
    <iframe src="sidebar" title="Formulaire Rapporteur (barre latérale)"></iframe>
  </aside>
</main>
<script>
(function () {
  var revision = -1;
  // The run's secret, put in the page by the server: every call that reads the state or changes it carries it.
  var meta = document.querySelector('meta[name="rapporteur-jeton"]');
  var secret = meta ? meta.getAttribute('content') : '';
  function text(tag, value, cls) { var e = document.createElement(tag); e.textContent = value; if (cls) e.className = cls; return e; }
  function segments(path) { return String(path).split(/[\\\\/]+/).filter(function (s) { return s !== ''; }); }
  // « donnees-locales/dossiers.xlsx » and « donnees-locales/notes/ »: the workbook's folder and what follows.
  function shortPaths(workbook, reportsDir) {
    var book = segments(workbook), notes = segments(reportsDir);
    var base = book.slice(0, -1);
    var inside = notes.length >= base.length && base.every(function (s, i) { return notes[i] === s; });
    var folder = base.length ? base[base.length - 1] + '/' : '';
    var notesShown = inside ? folder + notes.slice(base.length).map(function (s) { return s + '/'; }).join('') : (notes.length ? notes[notes.length - 1] + '/' : '');
    return [folder + book[book.length - 1], notesShown];
  }
  function get(url) { return fetch(url, { cache: 'no-store', headers: { 'X-Rapporteur-Jeton': secret } }).then(function (r) { return r.json(); }); }
  function render(state) {
    // The header names the files by the workbook's folder, not by their absolute paths: what the
    // page shows (and the README's screenshot) stays the same on every machine. The full path is
    // in the tooltip for whoever needs to find the files.
    var files = document.getElementById('files');
    files.textContent = 'Classeur : ' + shortPaths(state.workbook, state.reportsDir).join(' · Notes : ');
    files.title = state.workbook + ' · ' + state.reportsDir;
    var table = document.getElementById('sheet');
    // The rows are rebuilt at every change (Enter on a row, a save in the sidebar): the row that
    // had the keyboard gets it back, else focus fell to <body> and Tab restarted from the top.
    var had = document.activeElement;
    var focusedLine = had && had.parentNode === table.tBodies[0] ? Number(had.getAttribute('data-line')) : 0;
    var head = table.tHead; head.textContent = '';
    var body = table.tBodies[0]; body.textContent = '';
    var tr = document.createElement('tr');
    tr.appendChild(text('th', 'Ligne'));
    state.sheet.header.forEach(function (h) { var th = text('th', h); th.scope = 'col'; tr.appendChild(th); });
    head.appendChild(tr);
    state.sheet.rows.forEach(function (row, i) {
      var r = document.createElement('tr');
      var line = i + 2;
      if (line === state.activeRow) r.className = 'active';
      r.tabIndex = 0;
      r.setAttribute('data-line', String(line));
      r.setAttribute('aria-label', 'Ligne ' + line + (line === state.activeRow ? ' (active)' : ''));
      r.appendChild(text('td', String(line), 'num'));
      row.forEach(function (cell) { r.appendChild(text('td', cell.text, cell.numeric ? 'num' : '')); });
      function activate() { fetch('preview/active-row', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Rapporteur-Jeton': secret }, body: JSON.stringify({ row: line }) }).then(refresh); }
      r.addEventListener('click', activate);
      r.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); activate(); } });
      body.appendChild(r);
      if (line === focusedLine) r.focus({ preventScroll: true });
    });
    var list = document.getElementById('reports'); list.textContent = '';
    if (state.reports.length === 0) list.appendChild(text('li', 'Aucune note pour l’instant : générez-en une depuis le formulaire.'));
    state.reports.forEach(function (rep) {
      var li = document.createElement('li');
      var a = text('a', rep.name); a.href = rep.url; a.setAttribute('download', rep.name);
      li.appendChild(a); li.appendChild(document.createTextNode(' — ' + rep.date));
      list.appendChild(li);
    });
  }
  function refresh() { return get('preview/state').then(function (s) { revision = s.revision; render(s); }); }
  function poll() { get('preview/revision').then(function (r) { if (r.revision !== revision) return refresh(); }).catch(function () {}).then(function () { setTimeout(poll, 1000); }); }
  refresh().then(poll);
})();
</script>
</body>
</html>
`;
