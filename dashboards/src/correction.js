// "Correct the sentiment" on a mention, for responders and admins (viewers see nothing): the choice becomes the
// mention's sentiment and teaches the brand's learned model; the same control undoes it.
import { api, session } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';

const LABELS = ['positive', 'neutral', 'negative'];

/** The control for one mention (`platform` and `externalId` make its id), or null for a viewer. */
export function correctionControl(m) {
  if (session.role === 'viewer' || !m.platform || !m.externalId) return null;
  const path = `/api/v1/mentions/${encodeURIComponent(`${m.platform}:${m.externalId}`)}/sentiment`;
  const box = h('span', { class: 'correction', role: 'group', 'aria-label': t('correctSentiment') });
  const status = h('span', { class: 'muted', role: 'status' });
  const choose = () => {
    box.replaceChildren(h('span', { class: 'muted' }, `${t('correctSentiment')}: `), ...LABELS.map((label) =>
      h('button', { type: 'button', class: 'small', dataset: { label }, onclick: () => void send(label) }, t(label))), status);
  };
  const done = (label) => {
    box.replaceChildren(h('span', { class: 'badge', dataset: { corrected: label } }, `${t('correctedAs')} ${t(label)}`),
      h('button', { type: 'button', class: 'small', onclick: () => void undo() }, t('undo')), status);
  };
  async function send(label) {
    try {
      await api(path, { method: 'POST', json: { label } });
      done(label);
    } catch (err) {
      status.textContent = err.message;
    }
  }
  async function undo() {
    try {
      await api(path, { method: 'DELETE' });
      choose();
    } catch (err) {
      status.textContent = err.message;
    }
  }
  choose();
  return box;
}
