// Brands as configured, read once per page load: their names in the UI's language (`names.zh`, `names.en`).
import { api } from './api.js';
import { currentLang } from './i18n.js';

let loading = null;

/** The configured brands (own and competitors). */
export function brands() {
  loading ??= api('/api/v1/brands').catch((e) => {
    loading = null;
    throw e;
  });
  return loading;
}

/** A brand's name in the UI's language, else its default name, else its id (a brand no longer configured). */
export function brandName(list, id) {
  const b = list.find((x) => x.id === id);
  return b ? (b.names?.[currentLang()] ?? b.name) : id;
}
