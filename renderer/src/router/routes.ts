import type { RouteRecordRaw } from 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    /** Shown in the side menu, in this order, when set. */
    menu?: boolean;
    icon?: string;
  }
}

/** One entry per screen; a capability adds its screens here (menu order = array order). */
export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/overview' },
  { path: '/overview', component: () => import('../views/OverviewView.vue'), meta: { title: '工作概览', menu: true, icon: 'DataBoard' } },
  { path: '/orgs', component: () => import('../views/OrgListView.vue'), meta: { title: '组织档案', menu: true, icon: 'OfficeBuilding' } },
  { path: '/orgs/new', component: () => import('../views/OrgDetailView.vue'), meta: { title: '新建档案' } },
  { path: '/orgs/:id(\\d+)', component: () => import('../views/OrgDetailView.vue'), meta: { title: '档案详情' } },
];
