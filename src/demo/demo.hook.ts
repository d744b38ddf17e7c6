import type { StartHook } from '../platform/start-hook.js';
import { DemoService } from './demo.service.js';

/**
 * `npm start` without goldenhour.yaml and MONGODB_URI: starts the demo once the daemon listens and
 * prints where to look. A configured instance (config.demo false) never runs demo sources.
 */
export const demoHook: StartHook = async ({ app, config, url }) => {
  if (!config.demo) return;
  const demo = await app.get(DemoService).start();
  process.stdout.write(
    [
      '',
      '  goldenhour demo is running (no goldenhour.yaml: demo brand "Sunrise Kitchen" and competitor "Harbor Noodles")',
      `  Dashboard:    ${url}/#/login?token=${demo.adminToken}&brand=sunrise`,
      `  Admin token:  ${demo.adminToken}`,
      `  Board:        ${url}/#/board`,
      `  Demo mail:    ${url}/demo/mail`,
      '  A food-safety complaint appears on the demo Weibo in about a minute and goes viral; within five',
      '  minutes the dashboard shows the surge, an incident is on the board and the alert email is in the demo mail.',
      '',
    ].join('\n') + '\n',
  );
};
