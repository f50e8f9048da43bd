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
  { path: '/charts', component: () => import('../views/ChartsView.vue'), meta: { title: '统计图表', menu: true, icon: 'TrendCharts' } },
  { path: '/orgs', component: () => import('../views/OrgListView.vue'), meta: { title: '组织档案', menu: true, icon: 'OfficeBuilding' } },
  { path: '/orgs/new', component: () => import('../views/OrgDetailView.vue'), meta: { title: '新建档案' } },
  { path: '/orgs/:id(\\d+)', component: () => import('../views/OrgDetailView.vue'), meta: { title: '档案详情' } },
  { path: '/census', component: () => import('../views/CensusImportView.vue'), meta: { title: '年度摸排', menu: true, icon: 'Upload' } },
  { path: '/census/compare', component: () => import('../views/CensusCompareView.vue'), meta: { title: '摸排年度对比' } },
  { path: '/instructors', component: () => import('../views/InstructorListView.vue'), meta: { title: '党建指导员', menu: true, icon: 'Avatar' } },
  { path: '/instructors/:id(\\d+)', component: () => import('../views/InstructorDetailView.vue'), meta: { title: '指导员详情' } },
  { path: '/visits', component: () => import('../views/VisitsView.vue'), meta: { title: '走访记录', menu: true, icon: 'Notebook' } },
  { path: '/coverage', component: () => import('../views/CoverageView.vue'), meta: { title: '覆盖与走访', menu: true, icon: 'PieChart' } },
  { path: '/debriefing', component: () => import('../views/DebriefingView.vue'), meta: { title: '述职评议', menu: true, icon: 'Medal' } },
  { path: '/debriefing/debriefers/:id(\\d+)', component: () => import('../views/DebriefingDebrieferView.vue'), meta: { title: '述职对象' } },
  { path: '/honours', component: () => import('../views/HonoursView.vue'), meta: { title: '年度评星', menu: true, icon: 'Star' } },
  { path: '/export', component: () => import('../views/ExportView.vue'), meta: { title: '导出中心', menu: true, icon: 'Printer' } },
  { path: '/settings', component: () => import('../views/SettingsView.vue'), meta: { title: '设置', menu: true, icon: 'Setting' } },
  { path: '/audit', component: () => import('../views/AuditView.vue'), meta: { title: '审计日志', menu: true, icon: 'Tickets' } },
  { path: '/safety', component: () => import('../views/SafetyView.vue'), meta: { title: '数据安全', menu: true, icon: 'Lock' } },
  { path: '/welcome', component: () => import('../views/WelcomeView.vue'), meta: { title: '首次使用' } },
  { path: '/lock', component: () => import('../views/LockView.vue'), meta: { title: '已锁定' } },
  { path: '/recovery', component: () => import('../components/safety/RecoveryScreen.vue'), meta: { title: '数据库恢复' } },
];
