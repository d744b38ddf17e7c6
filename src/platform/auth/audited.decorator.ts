import { SetMetadata } from '@nestjs/common';

export const AUDITED_KEY = 'goldenhour:audited';

/** What reading a route counts as in the audit log (see src/privacy/audit.interceptor.ts). */
export type AuditedRead = 'read-evidence' | 'read-mentions';

/** Records each call of the route in the audit log: who (token), when, what. */
export const Audited = (action: AuditedRead) => SetMetadata(AUDITED_KEY, action);
