import type { INestApplication } from '@nestjs/common';
import type { AppConfig } from './config/app-config.js';

/** Work run once the daemon listens (demo mode registers one in src/main.ts). */
export type StartHook = (ctx: { app: INestApplication; config: AppConfig; url: string }) => Promise<void>;
