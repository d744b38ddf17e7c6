import { Controller, Get } from '@nestjs/common';
import { Roles } from '../auth/roles.decorator.js';
import { ApiRoute } from '../http/api-route.js';
import { ClusterService } from './cluster.service.js';

@Controller('api/v1/cluster')
export class ClusterController {
  constructor(private readonly cluster: ClusterService) {}

  /** Live daemons, lease holders and since when, each job's last and next run (admin). */
  @ApiRoute('The daemons on this database: heartbeats, who holds which job lease since when, each job\'s last and next run (admin)')
  @Get()
  @Roles('admin')
  status() {
    return this.cluster.status();
  }
}
