import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** Who this process is among the daemons on one database: the owner name of its leases and its heartbeat `_id`. */
@Injectable()
export class DaemonIdentity {
  readonly id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  readonly host = hostname();
  readonly pid = process.pid;
}
