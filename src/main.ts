import 'reflect-metadata';
import { startDaemon } from './platform/daemon.js';

await startDaemon();
