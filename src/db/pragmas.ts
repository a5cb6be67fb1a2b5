// Every SQLite pragma the bot relies on, in one place: the Prisma connection, the migrator and the data steps use
// these lists.

/** Busy timeout (ms): wait for a concurrent writer instead of failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Persistent in the file, set once before migrating. WAL: fast commits, readers do not block. auto_vacuum stays off:
 * free pages are zeroed by secure_delete instead, and the one-off data step vacuums.
 */
export const FILE_PRAGMAS = ['journal_mode = WAL'] as const;

/**
 * Per connection, on every connection that writes. synchronous=NORMAL is safe with WAL. secure_delete overwrites
 * deleted rows (a withdrawn signature) with zeros instead of leaving them in free space.
 */
export const CONNECTION_PRAGMAS = ['synchronous = NORMAL', 'foreign_keys = ON', 'secure_delete = ON'] as const;

/** On the migration engine's connection: as safe with WAL, and its many small commits need no fsync each. */
export const MIGRATION_PRAGMAS = ['synchronous = NORMAL'] as const;

/**
 * Copies the WAL into the database and truncates it to zero bytes, so the frames that held a deleted row are gone
 * from the -wal file too (run after a withdraw).
 */
export const CHECKPOINT_TRUNCATE = 'PRAGMA wal_checkpoint(TRUNCATE)';
