export default async function globalTeardown(): Promise<void> {
  const server = globalThis.__greenlightTestPostgres;
  globalThis.__greenlightTestPostgres = undefined;
  await server?.stop();
}
