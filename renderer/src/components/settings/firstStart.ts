import type { Router } from 'vue-router';
import { api } from '../../api/client';

/** Once a name is saved it stays saved, so the question is asked of the core only until then. */
let named = false;

export const markNamed = () => (named = true);

/** Sends every navigation to the first-start form until the operator has given a name. */
export function installFirstStartGuard(router: Router): void {
  router.beforeEach(async (to) => {
    if (named || to.path === '/welcome' || to.path === '/lock' || to.path === '/recovery') return true;
    try {
      named = (await api('settings.operator', {})).name !== null;
    } catch {
      return true; // locked or unreachable: the safety guard and the view say why
    }
    return named || { path: '/welcome', query: to.path === '/' ? {} : { from: to.fullPath } };
  });
}
