"""The page's stylesheet and scripts (local only: nothing is loaded from elsewhere)."""

CSS = """
.gradio-container { max-width: 1180px !important; margin: 0 auto; }
/* secondary text (status, dates, authors, Copy) at WCAG AA contrast: the theme's subdued grey is about 1.9:1 */
.gradio-container { --text-secondary: #52525b; }
.dark .gradio-container, .gradio-container.dark { --text-secondary: #a1a1aa; }
.app-header { display: flex; flex-wrap: wrap; align-items: baseline; gap: .25rem 1rem; }
.app-header h1 { margin: 0; font-size: 1.35rem; }
.status-line { font-size: .85rem; color: var(--text-secondary); }
.status-line b { color: var(--body-text-color); }
#controls { align-items: flex-start; gap: .5rem; }
#controls > * { min-width: 0; }
#mode .wrap { gap: .35rem; }
#chat .message-content, #chat .message { max-width: 100%; }
/* a code block (a related-work answer's BibTeX) wraps inside its answer, never widens the page on a phone */
#chat pre, #chat pre code { max-width: 100%; white-space: pre-wrap !important; overflow-wrap: anywhere; }
#chat .message-content, #chat .bot, #chat .message-row { min-width: 0; }
#chips { margin: 0; }
.chips { display: flex; flex-wrap: wrap; align-items: center; gap: .35rem; font-size: .85rem; }
.chips-label { color: var(--text-secondary); }
.chip { border: 1px solid var(--color-accent); color: var(--body-text-color); background: var(--color-accent-soft);
  border-radius: 999px; padding: .1rem .6rem; cursor: pointer; font-size: .85rem; }
.chip.clear-all { border-style: dashed; background: none; }
.waiting { font-size: .85rem; color: var(--text-secondary); padding: .2rem .4rem; }
#chat-actions { gap: .4rem; flex-wrap: wrap; }
#chat-actions > * { flex: 0 0 auto; min-width: 0; }
.answer-sources { margin-top: .4rem; font-size: .9rem; }
.answer-sources details.sources > summary { cursor: pointer; color: var(--text-secondary); }
.src-names { font-weight: normal; }
.src { border: 1px solid var(--border-color-primary); border-radius: var(--radius-md); padding: .45rem .6rem;
  margin: .4rem 0; background: var(--background-fill-primary); }
.src.hl { border-color: var(--color-accent); box-shadow: 0 0 0 2px var(--color-accent-soft); }
.src-title { font-weight: 600; line-height: 1.3; }
.src-title a { color: inherit; }
.src-n { color: var(--color-accent); font-weight: 700; }
.src-meta, .src-authors { font-size: .8rem; color: var(--text-secondary); margin-top: .15rem; }
.src details { margin-top: .25rem; font-size: .85rem; }
.src summary { cursor: pointer; color: var(--text-secondary); }
.src blockquote { margin: .3rem 0; padding: .1rem .6rem; border-left: 3px solid var(--color-accent); }
.sent.hl { background: #fde68a; color: #111; border-radius: 2px; }
.badge { display: inline-block; font-size: .72rem; padding: 0 .45em; border-radius: 999px; margin-left: .25em;
  border: 1px solid #16a34a; color: #16a34a; }
.turn-tools { font-size: .8rem; text-align: right; }
.turn-tools a { color: var(--text-secondary); }
.md-source { display: none !important; }
.papers-count, .papers-empty { font-size: .9rem; color: var(--text-secondary); margin: .3rem 0; }
.papers-empty { padding: 1rem; border: 1px dashed var(--border-color-primary); border-radius: var(--radius-md); }
.papers-table { width: 100%; border-collapse: collapse; font-size: .9rem; border: 0 !important; }
.papers-table th { text-align: left; border-bottom: 2px solid var(--border-color-primary); white-space: nowrap; }
.papers-table th button { font-weight: 600; padding: .35rem .3rem; background: none; border: 0; cursor: pointer;
  color: inherit; }
.papers-table td { padding: .35rem .3rem; border-bottom: 1px solid var(--border-color-primary); vertical-align: top; }
.papers-table tbody tr { cursor: pointer; }
.papers-table tbody tr:hover, .papers-table tbody tr:focus { background: var(--color-accent-soft); outline: none; }
.papers-table .col-date, .papers-table .col-category, .papers-table .col-code { white-space: nowrap; }
.paper-link { text-decoration: none; }
.chart-compact { display: none !important; }
@media (max-width: 640px) {
  .gradio-container { padding: 0 .4rem !important; }
  .app-header h1 { font-size: 1.1rem; }
  .status-line { font-size: .78rem; }
  #mode label { padding: .2rem .45rem; font-size: .85rem; }
  #chat { height: max(300px, calc(100dvh - 400px)) !important; }
  .chart-wide { display: none !important; }
  .chart-compact { display: block !important; }
  .papers-table thead { display: none; }
  .papers-table, .papers-table tbody, .papers-table tr, .papers-table td { display: block; width: 100%; }
  .papers-table tr { border: 1px solid var(--border-color-primary); border-radius: var(--radius-md);
    padding: .4rem .6rem; margin-bottom: .5rem; }
  .papers-table td { border: 0; padding: .1rem 0; }
  .papers-table .col-title { font-weight: 600; }
  .papers-table .col-authors, .papers-table .col-venue { font-size: .8rem; color: var(--text-secondary); }
  .papers-table .col-code:empty { display: none; }
  .papers-table .col-code::before { content: "code: "; }
  .papers-table .col-date, .papers-table .col-category { display: inline-block; width: auto; margin-right: .6rem;
    font-size: .8rem; }
}
"""

# Runs once when the page loads: [n] links open and highlight their source, Copy copies clean Markdown.
JS = r"""
() => {
  if (window.__assistantWired) return;
  window.__assistantWired = true;
  const clear = () => document.querySelectorAll('#chat .src.hl, #chat .sent.hl')
    .forEach((el) => el.classList.remove('hl'));
  // Gradio's chat scrolls to its bottom 300 ms after each update that found it at the bottom, even when a
  // click has scrolled elsewhere meanwhile: for a moment after a citation click, a scroll the reader did not
  // make that hides the cited passage brings it back. Any input of the reader's ends this at once.
  const USER = ['wheel', 'touchstart', 'keydown', 'mousedown'];
  let release = null;
  const keepInView = (target) => {
    if (release) release();
    const onScroll = (event) => {
      const box = event.target;
      if (!box.contains || !box.contains(target)) return;
      const t = target.getBoundingClientRect();  // the page itself (a document) scrolls in the window
      const b = box.getBoundingClientRect ? box.getBoundingClientRect() : {top: 0, bottom: window.innerHeight};
      if (t.bottom <= b.top || t.top >= b.bottom) target.scrollIntoView({block: 'center'});
    };
    const timer = setTimeout(() => release && release(), 1500);
    release = () => {
      clearTimeout(timer);
      document.removeEventListener('scroll', onScroll, true);
      USER.forEach((name) => document.removeEventListener(name, release, true));
      release = null;
    };
    document.addEventListener('scroll', onScroll, true);
    USER.forEach((name) => document.addEventListener(name, release, true));
  };
  // Gradio names each radio button of a group apart ("radio-1", "radio-2"): each is then a tab stop of its own
  // and the arrow keys do not move between them. One name per group makes it one stop, as a radio group is.
  const groupRadios = () => document.querySelectorAll('.block').forEach((block, n) => {
    const name = `choice-${block.id || n}`;
    block.querySelectorAll(':scope input[type=radio]').forEach((input) => {
      if (input.closest('.block') === block && input.name !== name) input.name = name;
    });
  });
  groupRadios();
  // (and again each time Gradio renders the group or names its buttons anew, as it does on each choice)
  new MutationObserver(groupRadios).observe(document.body, {childList: true, subtree: true, attributes: true,
                                                            attributeFilter: ['name']});
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('#chat a[href^="#src-"]');
    if (link) {
      event.preventDefault();
      event.stopPropagation();
      const m = /^#src-(\d+)-(\d+)-(-?\d+)$/.exec(link.getAttribute('href'));
      if (!m) return;
      const box = document.getElementById(`sources-${m[1]}`);
      if (!box) return;
      clear();
      box.querySelector('details.sources').open = true;
      const item = document.getElementById(`src-${m[1]}-${m[2]}`);
      if (!item) return;
      item.classList.add('hl');
      let target = item;
      const sentence = m[3] !== '-1' ? document.getElementById(`src-${m[1]}-${m[2]}-s${m[3]}`) : null;
      if (sentence) {
        item.querySelector('details.passage').open = true;
        sentence.classList.add('hl');
        target = sentence;
      }
      target.scrollIntoView({block: 'center'});
      keepInView(target);
      return;
    }
    const copy = event.target.closest && event.target.closest('#chat a.copy-md');
    if (copy) {
      event.preventDefault();
      event.stopPropagation();
      const source = copy.parentElement.querySelector('.md-source');
      navigator.clipboard.writeText(source ? source.textContent : '').then(() => {
        copy.textContent = 'Copied';
        setTimeout(() => { copy.textContent = 'Copy'; }, 1500);
      });
    }
  }, true);
}
"""

# The filter chips: a click on a chip clears that filter (or all of them).
CHIPS_JS = """
element.addEventListener('click', (event) => {
  const chip = event.target.closest('[data-clear]');
  if (chip) trigger('click', {clear: chip.dataset.clear});
});
"""

# The papers table: a header sorts, a row (click or Enter) asks about the paper; its own link just opens it.
PAPERS_JS = """
const act = (event) => {
  if (event.target.closest('a')) return;
  const head = event.target.closest('[data-sort]');
  if (head) { trigger('click', {sort: head.dataset.sort}); return; }
  const row = event.target.closest('tr[data-paper]');
  if (row) trigger('click', {paper: row.dataset.paper});
};
element.addEventListener('click', act);
element.addEventListener('keydown', (event) => { if (event.key === 'Enter') act(event); });
"""


# In the page's <head>, before the app reads its stored conversation: each tab keeps its own. What the page
# stores under "assistant-chat-..." (localStorage: the latest conversation of any tab, which a new tab opens
# with) is mirrored into the tab's sessionStorage, and a reload puts the tab's own back first, so two tabs never
# overwrite each other's conversation.
HEAD = """<script>
(() => {
  const PREFIX = "assistant-chat-";
  try {
    for (let i = 0; i < sessionStorage.length; i++) {
      const key = sessionStorage.key(i);
      if (key && key.startsWith(PREFIX)) localStorage.setItem(key, sessionStorage.getItem(key));
    }
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (this === localStorage && String(key).startsWith(PREFIX)) setItem.call(sessionStorage, key, value);
      return setItem.call(this, key, value);
    };
  } catch (error) {
    /* storage unavailable (private mode): conversations are simply not kept */
  }
})();
</script>"""
