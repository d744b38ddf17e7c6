/**
 * How this process runs, beyond configuration: whether scheduled jobs tick on their own (tests and
 * `goldenhour replay` turn scheduling off and drive jobs themselves on a ManualClock; jobs check
 * `runtime.scheduling` at the top of each tick), and whether only this process uses its database
 * (`goldenhour replay`'s own, fresh and dropped by it at the end): then nothing written for another process or a
 * later start to resume from (detector checkpoints) is worth writing, and no lease is needed to keep another daemon
 * out of work started on demand (`LeaseService.exclusive`).
 */
export class Runtime {
  constructor(
    readonly scheduling: boolean,
    readonly privateDatabase = false,
  ) {}
}
