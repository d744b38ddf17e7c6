import mongoose, { type Connection } from 'mongoose';
import { randomBytes } from 'node:crypto';

/** A fresh database on the test run's server, named after the test file, dropped by `close()`. */
export async function testDatabase(label: string): Promise<{ connection: Connection; uri: string; dbName: string; close(): Promise<void> }> {
  const uri = process.env.GOLDENHOUR_TEST_MONGODB_URI;
  if (!uri) throw new Error('GOLDENHOUR_TEST_MONGODB_URI is not set: run tests through `npm test` (jest globalSetup starts the database)');
  const dbName = `t_${label.replace(/[^a-z0-9]/gi, '_').slice(0, 30)}_${randomBytes(3).toString('hex')}`;
  const connection = await mongoose.createConnection(uri, { dbName, serverSelectionTimeoutMS: 10_000 }).asPromise();
  return {
    connection,
    uri,
    dbName,
    close: async () => {
      await connection.dropDatabase().catch(() => undefined);
      await connection.close();
    },
  };
}
