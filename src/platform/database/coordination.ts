/** The name of the database connection that leases, job runs and daemon heartbeats use (see PlatformModule). */
export const COORDINATION = 'coordination';
