import { authoritySiretError, resolveSettings } from './settings';

describe('the authority’s SIRET in the settings (AUTHORITY_SIRET_INVALID’s rule)', () => {
  it.each(['73282932000074', '732 829 320 00074', '732.829.320.00074', '35600000000048'])('accepts %s', (siret) => {
    const r = resolveSettings({ authoritySiret: siret });
    expect(r.errors).toEqual([]);
    expect(r.settings.authoritySiret).toBe(siret);
  });

  it.each([
    ['a wrong key', '73282932000075', 'SIRET de la collectivité 73282932000075 : clé de contrôle invalide ; un chiffre est faux ou deux sont inversés.'],
    ['a SIREN whose key is wrong', '73282932100074', 'SIRET de la collectivité 73282932100074 : clé de contrôle invalide du SIREN 732829321 (les 9 premiers chiffres) ; un chiffre est faux ou deux sont inversés.'],
    ['a SIREN alone', '732829320', 'SIRET de la collectivité 732829320 : 9 chiffres, c’est un numéro SIREN ; le SIRET en compte 14 (le SIREN suivi des 5 chiffres de l’établissement).'],
    ['a letter', '7328293200007O', 'SIRET de la collectivité 7328293200007O : un SIRET ne contient que des chiffres (14, espaces permis) ; « O » n’en est pas un.'],
  ])('refuses %s, with the field and the reason in French', (_name, siret, message) => {
    expect(authoritySiretError(siret)).toBe(message);
    expect(resolveSettings({ authoritySiret: siret }).errors).toEqual([`Le paramètre « authoritySiret » est invalide : ${message}`]);
  });

  it('leaves a blank SIRET alone (no authority SIRET: the open-data export says it is missing)', () => {
    expect(resolveSettings({ authoritySiret: '  ' }).errors).toEqual([]);
  });

  it('refuses a SIRET that is not text, without a crash', () => {
    expect(resolveSettings({ authoritySiret: 73282932000074 }).errors).toEqual(['Le paramètre « authoritySiret » doit être un texte.']);
    expect(resolveSettings({ authoritySiret: null }).errors).toEqual(['Le paramètre « authoritySiret » doit être un texte.']);
  });
});
