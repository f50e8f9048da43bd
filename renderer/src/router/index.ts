import { createRouter, createWebHashHistory } from 'vue-router';
import { routes } from './routes';
import { installSafetyGuard } from '../components/safety/guard';
import { installFirstStartGuard } from '../components/settings/firstStart';

export const router = createRouter({ history: createWebHashHistory(), routes });
installSafetyGuard(router);
installFirstStartGuard(router);
router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · 两新档案` : '两新档案';
});
