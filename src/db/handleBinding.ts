// What an open database handle carries beside the Prisma client (its dialect, the details cipher, the statement
// batches): bound where it is opened (src/db/client.ts), so data functions take only the handle.

export interface HandleBinding<T> {
	bind(db: object, value: T): void;
	/** The value bound to the handle; throws for a handle not opened with openDatabase. */
	of(db: object): T;
}

export function handleBinding<T>(what: string): HandleBinding<T> {
	const values = new WeakMap<object, T>();
	return {
		bind: (db, value) => {
			values.set(db, value);
		},
		of: (db) => {
			const value = values.get(db);
			if (value === undefined) throw new Error(`this database handle has no ${what} bound (open it with openDatabase)`);
			return value;
		},
	};
}
