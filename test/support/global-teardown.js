export default async function globalTeardown() {
  await globalThis.__goldenhourDb?.stop();
}
