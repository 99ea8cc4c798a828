/**
 * The Apps Script entry module, bundled as the IIFE `App`. Every function exported here
 * gets a generated top-level wrapper in dist/ (scripts/build/gas.mjs), which is how
 * Sheets finds onOpen, menu actions, google.script.run targets and custom functions.
 * Top-level code must stay free of service calls: it runs for every custom-function cell.
 * Each feature re-exports its entry points from its own module.
 */
export * from './custom-functions';
export * from './menu';
export { listDossiers, loadDossier, loadActiveDossier, checkDossierData, saveDossier, getSettings, saveSettings, openSidebar, openReportPanel, openConventionPanel, openSettings } from './sidebar-api';
export { menuPrepareWorkbook } from './prepare-workbook';
export { menuExportOpenData } from './opendata-export';
export { listReportFields, checkReportTemplate, generateReport, generateConvention, conventionStatus, createDefaultTemplate } from './docs-report';
export { auditText, auditGoogleDoc, openAuditPanel } from './docs-audit';
export { listBeneficiaries, beneficiaryContext } from './beneficiaries';
export { listSessions, planSessionRun, startSessionRun, runSessionChunk, cancelSessionRun, sessionRunStatus, createDefaultSummaryTemplate, openSessionPanel } from './batch';
