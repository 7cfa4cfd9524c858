// The preview page: fetches the kit's state, shows every card face and page as an image, and follows each
// rebuild through server-sent events. Elements are kept by key and only their changed attributes are set, so
// the page neither reloads nor loses its scroll position; unchanged images are not fetched again.

const kits = document.getElementById('kits');
const overlay = document.getElementById('overlay');
const problemList = document.getElementById('problems');
const status = document.getElementById('status');

/** The child of `parent` with this key, made by `make` the first time; `seen` collects the keys in use. */
function keyed(parent, key, make, seen) {
  seen?.add(key);
  for (const child of parent.children) if (child.dataset.key === key) return child;
  const element = make();
  element.dataset.key = key;
  parent.append(element);
  return element;
}

function removeUnseen(parent, seen) {
  for (const child of [...parent.children])
    if (child.dataset.key && !seen.has(child.dataset.key)) child.remove();
}

function element(tag, className) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  return e;
}

function setImage(img, src, alt) {
  if (img.getAttribute('src') !== src) img.setAttribute('src', src);
  if (img.alt !== alt) img.alt = alt;
}

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function renderLocale(section, kit) {
  const base = `${encodeURIComponent(kit.deck)}/${encodeURIComponent(kit.locale)}`;
  const heading = keyed(section, 'heading', () => element('h2'));
  setText(heading, `${kit.title} — ${kit.locale}`);
  const nav = keyed(section, 'nav', () => element('nav', 'documents'));
  const navSeen = new Set();
  for (const doc of kit.documents) {
    const link = keyed(nav, doc.file, () => element('a'), navSeen);
    link.href = `/pdf/${base}/${encodeURIComponent(doc.file)}`;
    setText(link, `${doc.file} (${doc.pages} p.)`);
  }
  removeUnseen(nav, navSeen);

  const cardsTitle = keyed(section, 'cards-title', () => element('h3'));
  setText(cardsTitle, `Cards (${kit.cards.length})`);
  const cards = keyed(section, 'cards', () => element('div', 'cards'));
  const cardSeen = new Set();
  for (const card of kit.cards) {
    const figure = keyed(
      cards,
      card.key,
      () => {
        const f = element('figure', 'card');
        const faces = element('div', 'faces');
        faces.append(element('img'), element('img'));
        for (const img of faces.children) img.loading = 'lazy';
        f.append(faces, element('figcaption'));
        return f;
      },
      cardSeen,
    );
    const [front, back] = figure.querySelectorAll('img');
    // Room reserved before an image arrives, so that a new image never moves what is below it.
    for (const img of [front, back]) img.style.aspectRatio = `auto ${kit.cardAspect}`;
    const copy = card.copy > 1 ? ` (copy ${card.copy})` : '';
    setImage(front, `/card/${base}/${card.front}.png`, `${card.kind} card “${card.title}”${copy}, front`);
    setImage(back, `/card/${base}/${card.back}.png`, `${card.kind} card “${card.title}”${copy}, back`);
    const caption = figure.querySelector('figcaption');
    const id = card.key.replace(/#1$/, '');
    const text = `${card.title}${copy}`;
    if (caption.dataset.text !== `${text}|${id}`) {
      caption.dataset.text = `${text}|${id}`;
      caption.replaceChildren(document.createTextNode(`${text} `), element('code'));
      caption.lastChild.textContent = id;
    }
  }
  removeUnseen(cards, cardSeen);

  for (const doc of kit.documents) {
    const title = keyed(section, `title:${doc.file}`, () => element('h3'));
    setText(title, doc.file);
    const pages = keyed(section, `pages:${doc.file}`, () => element('div', 'pages'));
    const pageSeen = new Set();
    for (let n = 1; n <= doc.pages; n++) {
      const figure = keyed(
        pages,
        String(n),
        () => {
          const f = element('figure', 'page');
          const img = element('img');
          img.loading = 'lazy';
          f.append(img, element('figcaption'));
          return f;
        },
        pageSeen,
      );
      setImage(figure.querySelector('img'), `/page/${base}/${doc.sha256}/${n}.png`, `${doc.file}, page ${n}`);
      setText(figure.querySelector('figcaption'), `page ${n}`);
    }
    removeUnseen(pages, pageSeen);
  }
  const keep = new Set(['heading', 'nav', 'cards-title', 'cards']);
  for (const doc of kit.documents) keep.add(`title:${doc.file}`).add(`pages:${doc.file}`);
  removeUnseen(section, keep);
}

function renderProblems(problems) {
  overlay.hidden = problems.length === 0;
  problemList.replaceChildren(
    ...problems.map((p) => {
      const li = element('li');
      const where = element('div', 'where');
      where.textContent = p.where;
      const message = element('div', 'message');
      message.textContent = `${p.message} `;
      const code = element('span', 'problem-code');
      code.textContent = `[${p.code}]`;
      message.append(code);
      li.append(where, message);
      if (p.frame) {
        const pre = element('pre');
        pre.textContent = p.frame;
        li.append(pre);
      }
      if (p.hint) {
        const hint = element('div', 'hint');
        hint.textContent = `hint: ${p.hint}`;
        li.append(hint);
      }
      return li;
    }),
  );
}

let latest = 0;

async function refresh() {
  const response = await fetch('/api/state', { cache: 'no-store' });
  const state = await response.json();
  if (state.version < latest) return;
  latest = state.version;
  const seen = new Set();
  for (const kit of state.locales) {
    const section = keyed(kits, `${kit.deck}/${kit.locale}`, () => element('section', 'locale'), seen);
    renderLocale(section, kit);
  }
  removeUnseen(kits, seen);
  renderProblems(state.problems);
  document.body.dataset.version = String(state.version);
  status.textContent = state.ok ? `up to date (build ${state.version})` : 'source has errors';
}

const events = new EventSource('/events');
events.addEventListener('state', () => {
  refresh().catch((error) => {
    status.textContent = `cannot read the state: ${error}`;
  });
});
events.addEventListener('error', () => {
  status.textContent = 'disconnected: is `atelier watch --serve` still running?';
});
