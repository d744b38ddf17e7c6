// A daemon process that dies mid-send: boots the built app (dist/) against the test database, runs one
// outbox dispatch pass against an SMTP server that never acknowledges the mail, and waits to be killed.
// Used by test/alerts/crash.test.ts; reads GH_MONGODB_URI, GH_DB_NAME and GH_SMTP_PORT.
import 'reflect-metadata';
import { OutboxDispatcher } from '../../../dist/src/alerts/outbox.dispatcher.js';
import { createApp } from '../../../dist/src/boot.js';
import { AppConfig } from '../../../dist/src/platform/config/app-config.js';
import { configSchema } from '../../../dist/src/platform/config/schema.js';

const values = configSchema.parse({
  port: 0,
  dbName: process.env.GH_DB_NAME,
  logLevel: 'error',
  smtp: { host: '127.0.0.1', port: Number(process.env.GH_SMTP_PORT), from: 'goldenhour <alerts@goldenhour.test>' },
});
const app = await createApp({ config: new AppConfig(values, false, null), mongoUri: process.env.GH_MONGODB_URI, scheduling: false });
await app.init();
process.stdout.write('dispatching\n');
await app.get(OutboxDispatcher).dispatchDue();
process.stdout.write('dispatch returned\n');
