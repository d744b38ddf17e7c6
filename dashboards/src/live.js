// Live board updates: the incidents event stream (server-sent events, signed in by the session cookie
// like every other request). Each event only says "look again": pages re-read the API.
// When the stream drops, EventSource reconnects by itself; a slow poll covers the gap meanwhile.

const TYPES = ['alert', 'notification', 'escalation', 'sla_breach', 'incident_state', 'incident_updated'];

export function subscribe(onEvent, onStatus) {
  const source = new EventSource('/api/v1/incidents/events');
  let timer = null;
  const fire = (e) => {
    let data = {};
    try {
      data = JSON.parse(e.data);
    } catch {
      /* keep-alive without a body */
    }
    clearTimeout(timer);
    timer = setTimeout(() => onEvent(data), 250);
  };
  for (const type of TYPES) source.addEventListener(type, fire);
  source.addEventListener('message', fire);
  source.onopen = () => onStatus?.(true);
  source.onerror = () => onStatus?.(false);
  const poll = setInterval(() => {
    if (source.readyState !== EventSource.OPEN) onEvent({});
  }, 15_000);
  return () => {
    source.close();
    clearInterval(poll);
    clearTimeout(timer);
  };
}
