import { Injectable, Logger, NotFoundException, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../platform/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { brandNames, neutralNames } from '../core/brands/names.js';
import type { Brand } from './brand.js';
import { BrandsRepository } from './brands.repository.js';

const CACHE_MS = 5_000;

/** Brands from goldenhour.yaml (rewritten at start) and from the API. */
@Injectable()
export class BrandsService implements OnModuleInit {
  private readonly logger = new Logger(BrandsService.name);
  private cache: { brands: Brand[]; byName: Map<string, Brand>; until: number } | null = null;

  constructor(
    private readonly repo: BrandsRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const b of this.config.brands) await this.repo.upsert(b, 'config', this.clock.now());
    if (this.config.brands.length) this.logger.log({ event: 'brands_loaded', count: this.config.brands.length, from: 'config' });
  }

  async list(): Promise<Brand[]> {
    return (await this.load()).brands;
  }

  async get(id: string): Promise<Brand> {
    const b = (await this.load()).brands.find((x) => x.id === id);
    if (!b) throw new NotFoundException(`no brand "${id}"`);
    return b;
  }

  /** The brand an id, name, localised name or alias stands for (case-insensitive), or null. */
  async resolve(nameOrAlias: string): Promise<Brand | null> {
    return (await this.load()).byName.get(nameOrAlias.trim().toLowerCase()) ?? null;
  }

  /** Names that never carry sentiment or become topics in a mention of this brand (see neutralNames). */
  async neutralNames(brandId: string): Promise<string[]> {
    const { brands } = await this.load();
    const brand = brands.find((b) => b.id === brandId);
    return brand ? neutralNames(brand, brands) : [brandId];
  }

  async save(brand: Brand): Promise<Brand> {
    await this.repo.upsert(brand, 'api', this.clock.now());
    this.cache = null;
    return brand;
  }

  async remove(id: string): Promise<void> {
    if (!(await this.repo.remove(id))) throw new NotFoundException(`no brand "${id}"`);
    this.cache = null;
  }

  private async load() {
    const now = this.clock.now().getTime();
    if (this.cache && this.cache.until > now && this.cache.brands.length) return this.cache;
    const brands = await this.repo.list();
    const byName = new Map<string, Brand>();
    for (const b of brands) for (const n of brandNames(b)) if (!byName.has(n)) byName.set(n, b);
    this.cache = { brands, byName, until: now + CACHE_MS };
    return this.cache;
  }
}
