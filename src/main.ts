import 'reflect-metadata';
import { demoHook } from './demo/demo.hook.js';
import { startDaemon } from './platform/daemon.js';

await startDaemon([demoHook]);
