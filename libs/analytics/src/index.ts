export * from './analytics.module';
export { DashboardCache } from './cache/dashboard-cache';
