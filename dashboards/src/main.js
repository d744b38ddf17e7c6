import './style.css';
import { api, loadSession, session, setToken, token } from './api.js';
import { renderBoard } from './board.js';
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
      h('span', { class: 'spacer' }),
      h('span', { class: 'who', title: session.role }, `${session.name} · ${session.role}`),
      h('button', { type: 'button', class: 'link', onclick: () => { toggleLang(); render(); } }, t('language')),
      h('button', { type: 'button', class: 'link', onclick: () => { setToken(null); go('/login'); } }, t('logout')),
    ),
  );
}

function loginPage() {
  clear(top);
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true, 'aria-describedby': 'token-help' });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'login card', onsubmit: async (e) => {
    e.preventDefault();
    setToken(input.value.trim());
    try {
      await loadSession();
      go('/dashboard');
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
  if (path === '/login' || !token()) return loginPage();
  if (!session.name) {
    try {
      await loadSession();
    } catch {
      return;
    }
  }
  const section = path.startsWith('/board') || path.startsWith('/incident') ? 'board' : 'dashboard';
  header(section);
  clear(main);
  if (path.startsWith('/incident/')) cleanup = await renderIncident(main, decodeURIComponent(path.slice('/incident/'.length)));
  else if (path === '/board') cleanup = await renderBoard(main, params);
  else cleanup = await renderDashboard(main, params);
}

window.addEventListener('hashchange', () => void render());
void render();
export { api };
