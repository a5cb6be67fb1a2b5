// globalSetup of the PostgreSQL test project: the server the suites create their databases on. TEST_POSTGRES_URL
// (a superuser URL; .ci/run starts a cluster and sets it) or else a throwaway cluster started here.
import type { TestProject } from 'vitest/node';
import { startCluster } from '../support/postgresCluster.js';

declare module 'vitest' {
	export interface ProvidedContext {
		postgresUrl: string;
	}
}

export default async function setup(project: TestProject): Promise<() => void> {
	const given = process.env.TEST_POSTGRES_URL;
	if (given) {
		project.provide('postgresUrl', given);
		return () => {};
	}
	const cluster = await startCluster();
	project.provide('postgresUrl', cluster.url);
	return () => cluster.stop();
}
