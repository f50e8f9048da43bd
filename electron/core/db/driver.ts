/**
 * The one place that names the SQLite driver. better-sqlite3-multiple-ciphers is a drop-in fork of
 * better-sqlite3 that adds SQLCipher-compatible encryption at rest; everything else imports from here.
 */
import Database from 'better-sqlite3-multiple-ciphers';

export { Database };
export type Db = Database.Database;
