import 'reflect-metadata';
import { demoHook } from './demo/demo.hook.js';
import { startDaemon } from './daemon.js';

await startDaemon([demoHook]);
