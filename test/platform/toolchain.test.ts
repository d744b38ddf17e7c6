import { describe, it, expect, afterAll, beforeAll } from '@jest/globals';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { testDatabase } from '../support/database.js';

@Controller('ping')
class PingController {
  @Get()
  ping() {
    return { ok: true };
  }
}
@Module({ controllers: [PingController] })
class PingModule {}

describe('toolchain', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  beforeAll(async () => { db = await testDatabase('toolchain'); });
  afterAll(async () => { await db.close(); });

  it('stores and reads a document on the test database server', async () => {
    await db.connection.collection('things').insertOne({ a: 1 });
    expect(await db.connection.collection('things').countDocuments()).toBe(1);
  });

  it('boots a Nest app that answers over HTTP', async () => {
    const app = await NestFactory.create(PingModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    const res = await fetch(`${await app.getUrl()}/ping`.replace('[::1]', '127.0.0.1'));
    expect(await res.json()).toEqual({ ok: true });
    await app.close();
  });
});
