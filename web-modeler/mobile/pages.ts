/** The pages and their addresses below `/mobile/`; a tab page has `tab`, a sub page its tab. */
import type { Component } from 'vue';
import Home from './pages/home.vue';
import CertificateList from './pages/certificate-list.vue';
import CertificateDetail from './pages/certificate-detail.vue';
import BusinessApply from './pages/business-apply.vue';
import ApplicationList from './pages/application-list.vue';
import ApplicationDetail from './pages/application-detail.vue';
import MessageList from './pages/message-list.vue';
import TaskDecision from './pages/task-decision.vue';
import Employment from './pages/employment.vue';
import Profile from './pages/profile.vue';
import Resume from './pages/resume.vue';

export interface PageDef {
  path: string;
  title: string;
  component: Component;
  tab?: string;
  parentTab?: string;
}

export const PAGES: PageDef[] = [
  { path: '/', title: '燃气从业人员证书', component: Home, tab: '/' },
  { path: '/certificates', title: '我的证书', component: CertificateList, tab: '/certificates' },
  {
    path: '/certificates/:id',
    title: '证书详情',
    component: CertificateDetail,
    parentTab: '/certificates',
  },
  {
    path: '/certificates/:id/apply/:business',
    title: '申请证书业务',
    component: BusinessApply,
    parentTab: '/certificates',
  },
  { path: '/applications', title: '我的办件', component: ApplicationList, tab: '/applications' },
  {
    path: '/applications/:id',
    title: '办件进度',
    component: ApplicationDetail,
    parentTab: '/applications',
  },
  { path: '/messages', title: '消息', component: MessageList, tab: '/messages' },
  { path: '/tasks/:taskKey', title: '待我确认', component: TaskDecision, parentTab: '/messages' },
  { path: '/employment', title: '聘用关系', component: Employment, parentTab: '/me' },
  { path: '/me', title: '我的', component: Profile, tab: '/me' },
  { path: '/resume', title: '我的履历', component: Resume, parentTab: '/me' },
];
