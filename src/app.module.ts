import { Module, type DynamicModule } from '@nestjs/common';
import { BrandsModule } from './brands/brands.module.js';
import { MentionsModule } from './mentions/mentions.module.js';
import { PlatformModule, type PlatformOptions } from './platform/platform.module.js';

/** The daemon: the platform plus one module per feature, in the order a mention flows through them. */
@Module({
  imports: [
    BrandsModule,
    MentionsModule,
  ],
})
export class AppModule {
  static forRoot(opts: PlatformOptions): DynamicModule {
    return { module: AppModule, imports: [PlatformModule.forRoot(opts)] };
  }
}
