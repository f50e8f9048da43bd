import type { Bench } from './harness';
import { orgsBench } from './orgs.bench';

/** Every benchmark; a capability adds its own (ONE import + ONE entry). `npm run bench [-- name-fragment]`. */
const benches: Bench[] = [orgsBench];

const filter = process.argv[2];
for (const b of benches) {
  if (filter && !b.name.includes(filter)) continue;
  await b.run();
}
