import type { Bench } from './harness';
import { orgsBench } from './orgs.bench';
import { exportBench } from './export.bench';
import { censusBench } from './census.bench';
import { debriefingBench } from './debriefing.bench';
import { instructorsBench } from './instructors.bench';
import { safetyBench } from './safety.bench';
import { honoursBench } from './honours.bench';

/** Every benchmark; a capability adds its own (ONE import + ONE entry). `npm run bench [-- name-fragment]`. */
const benches: Bench[] = [orgsBench, exportBench, censusBench, debriefingBench, instructorsBench, safetyBench, honoursBench];

const filter = process.argv[2];
for (const b of benches) {
  if (filter && !b.name.includes(filter)) continue;
  await b.run();
}
