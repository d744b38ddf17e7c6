import './style.css';
import { api, loadSession, session, setToken, token } from './api.js';
import { renderBoard } from './board.js';
import { renderCases } from './cases.js';
import { renderDashboard } from './dashboard.js';
import { clear, go, h, route } from './dom.js';
import { t, toggleLang } from './i18n.js';
import { renderIncident } from './incident.js';

const top = document.getElementById('top');
const main = document.getElementById('main');
let cleanup = () => {};

function header(active) {
  clear(top).append(
    h('nav', { class: 'nav', 'aria-label': 'main' },
      h('a', { class: 'logo', href: '#/dashboard' }, '◐ ', t('appName')),
      h('a', { href: '#/dashboard', 'aria-current': active === 'dashboard' ? 'page' : null }, t('dashboard')),
      h('a', { href: '#/board', 'aria-current': active === 'board' ? 'page' : null }, t('board')),
      h('a', { href: '#/cases', 'aria-current': active === 'cases' ? 'page' : null }, t('casesQueue')),
      h('span', { class: 'spacer' }),
      h('span', { class: 'who', title: session.role }, `${session.name} · ${session.role}`),
      h('button', { type: 'button', class: 'link', onclick: () => { toggleLang(); render(); } }, t('language')),
      h('button', { type: 'button', class: 'link', onclick: () => { setToken(null); go('/login'); } }, t('logout')),
    ),
  );
}

/** Signs in, then goes where the user was going (an alert mail's incident link), else to the dashboard. */
function loginPage(next) {
  clear(top);
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true, 'aria-describedby': 'token-help' });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'login card', onsubmit: async (e) => {
    e.preventDefault();
    setToken(input.value.trim());
    try {
      await loadSession();
      if (!next || next.startsWith('#/login')) go('/dashboard');
      else if (location.hash === next) void render();
      else location.hash = next;
    } catch {
      setToken(null);
      error.textContent = t('badToken');
    }
  } },
    h('h1', {}, '◐ goldenhour'),
    h('h2', {}, t('loginTitle')),
    h('label', { for: 'token' }, t('token')), input,
    h('p', { id: 'token-help', class: 'muted' }, t('tokenHelp')),
    h('button', { type: 'submit', class: 'primary' }, t('signIn')),
    error,
    h('button', { type: 'button', class: 'link', onclick: () => { toggleLang(); render(); } }, t('language')),
  );
  clear(main).append(form);
  input.focus();
}

// Renders run one after another: two in flight at once (a sign-in followed at once by a hash change)
// both cleared the page and then both appended their view.
let rendering = Promise.resolve();
function render() {
  rendering = rendering.then(renderNow, renderNow);
  return rendering;
}

async function renderNow() {
  cleanup();
  cleanup = () => {};
  const { path, params } = route();
  // The demo prints a link that signs in at once: #/login?token=…
  if (path === '/login' && params.get('token')) {
    setToken(params.get('token'));
    const brand = params.get('brand');
    history.replaceState(null, '', `#/dashboard${brand ? `?brand=${encodeURIComponent(brand)}` : ''}`);
    session.name = '';
    return renderNow();
  }
  if (path === '/login') return loginPage(params.get('next'));
  if (!token()) return loginPage(location.hash);
  if (!session.name) {
    try {
      await loadSession();
    } catch {
      return;
    }
  }
  const section = path.startsWith('/board') || path.startsWith('/incident') ? 'board' : path === '/cases' ? 'cases' : 'dashboard';
  header(section);
  clear(main);
  if (path.startsWith('/incident/')) cleanup = await renderIncident(main, decodeURIComponent(path.slice('/incident/'.length)));
  else if (path === '/board') cleanup = await renderBoard(main, params);
  else if (path === '/cases') cleanup = await renderCases(main, params);
  else cleanup = await renderDashboard(main, params);
}

// Links of older mails used paths (/board?incident=ID, /?brand=ID); the app routes by hash.
if (!location.hash && (location.pathname !== '/' || location.search)) {
  const q = new URLSearchParams(location.search);
  const incident = q.get('incident');
  const target = incident ? `#/incident/${encodeURIComponent(incident)}` : location.pathname.startsWith('/board') ? `#/board${location.search}` : `#/dashboard${location.search}`;
  history.replaceState(null, '', `/${target}`);
}
window.addEventListener('hashchange', () => void render());
void render();
export { api };
