import './style.css';
import { api, csrfToken, loadSession, session, signOut } from './api.js';
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
      h('button', { type: 'button', class: 'link', onclick: async () => { await signOut(); session.name = ''; go('/login'); } }, t('logout')),
    ),
  );
}

/**
 * Signs in with a plain form post: the server sets the HttpOnly session cookie and sends the browser on to
 * `next` (an alert mail's incident link), else to the dashboard. The token never passes through this script.
 */
function loginPage(next, failed = false) {
  clear(top);
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true, 'aria-describedby': 'token-help' });
  const form = h('form', { class: 'login card', method: 'post', action: '/api/v1/session' },
    h('h1', {}, '◐ goldenhour'),
    h('h2', {}, t('loginTitle')),
    h('label', { for: 'token' }, t('token')), input,
    h('input', { type: 'hidden', name: 'next', value: next ?? '' }),
    h('p', { id: 'token-help', class: 'muted' }, t('tokenHelp')),
    h('button', { type: 'submit', class: 'primary' }, t('signIn')),
    h('p', { class: 'error', role: 'alert' }, failed ? t('badToken') : ''),
    h('button', { type: 'button', class: 'link', onclick: () => { toggleLang(); render(); } }, t('language')),
  );
  clear(main).append(form);
  input.focus();
  return form;
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
  // The demo prints a link that signs in at once (#/login?token=…): the token leaves the address bar and
  // history, and goes to the server through the sign-in form like a typed one.
  if (path === '/login' && params.get('token')) {
    const brand = params.get('brand');
    history.replaceState(null, '', '#/login');
    const form = loginPage(`#/dashboard${brand ? `?brand=${encodeURIComponent(brand)}` : ''}`);
    form.elements.token.value = params.get('token');
    form.submit();
    return;
  }
  if (path === '/login') return loginPage(params.get('next'), params.get('error') === 'token');
  if (!csrfToken()) return loginPage(location.hash);
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
// Earlier versions kept the token in localStorage, where any script in the page could read it.
localStorage.removeItem('goldenhour.token');
window.addEventListener('hashchange', () => void render());
void render();
export { api };
