import { createRouter, createWebHashHistory } from 'vue-router';
import { routes } from './routes';

export const router = createRouter({ history: createWebHashHistory(), routes });
router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · 两新档案` : '两新档案';
});
