/**
 * How this process runs, beyond configuration: whether scheduled jobs tick on their own. Tests and
 * `goldenhour replay` turn scheduling off and drive jobs themselves on a ManualClock.
 * Jobs check `runtime.scheduling` at the top of each tick.
 */
export class Runtime {
  constructor(readonly scheduling: boolean) {}
}
