/**
 * The « Bénéficiaires » view and the form's cumulative check in Sheets: the dossiers of the
 * « Dossiers » sheet grouped by beneficiary and budget year. Ports built per call (top-level
 * code must not touch services).
 */
import { beneficiaryApi } from '../app/beneficiary-api';
import { sheetsDossierStore } from './sheets-store';
import { documentSettingsStore } from './sidebar-api';

const api = () => beneficiaryApi({ store: sheetsDossierStore(SpreadsheetApp.getActive()), settings: documentSettingsStore() });

export function listBeneficiaries() {
  return api().listBeneficiaries();
}
export function beneficiaryContext() {
  return api().beneficiaryContext();
}
