import { Injectable } from '@nestjs/common';
import type { MailCatcher } from './mail-catcher.js';

/** The demo's mail catcher, once demo mode started it (null on a configured instance). */
@Injectable()
export class DemoMailbox {
  catcher: MailCatcher | null = null;
}
