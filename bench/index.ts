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
const chosen = benches.filter((b) => !filter || b.name.includes(filter));
if (!chosen.length) console.log(`没有名字含“${filter}”的一组；可选：${benches.map((b) => b.name).join('；')}`);
const t0 = performance.now();
for (const b of chosen) await b.run();
// The whole run's length, so whoever runs it on a quiet machine knows what to expect next time.
console.log(`\n共 ${chosen.length} 组，用时 ${((performance.now() - t0) / 1000).toFixed(0)} 秒`);
