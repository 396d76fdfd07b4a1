/**
 * The «Мониторинги» requests (src/core/monitoring): forms to choose from, the schools they can go
 * to, generating a cycle (recorded, so the status board lists the schools at once), the status
 * board and the list of schools without an accepted form. Plain functions of the database; the
 * Engine exposes them through the RPC.
 */
import type { Database } from '../core/db.ts';
import { queryObjects, transaction } from '../core/db.ts';
import { ensureCampaign } from '../core/monitoring/collect.ts';
import { FORMS, findForm } from '../core/monitoring/forms/index.ts';
import type { Campaign } from '../core/monitoring/generate.ts';
import { campaignZip, summaryFileName, summaryXlsx, zipFileName } from '../core/monitoring/generate.ts';
import { allowedText } from '../core/monitoring/layout.ts';
import { addresseesOf, municipalitySchools } from '../core/monitoring/schools.ts';
import { campaigns, missingSchoolsXlsx, statusBoard } from '../core/monitoring/status.ts';
import type { FormInfo, GeneratedCycle, GenerateRequest, MunicipalitySchools } from './protocol.ts';

export function formInfos(): FormInfo[] {
  return FORMS.map((form) => ({
    id: form.id,
    version: form.version,
    title: form.title,
    system: form.system,
    addressees: form.addressees,
    purpose: form.purpose,
    fields: form.fields.map((f) => ({ code: f.code, label: f.label, unit: f.unit, allowed: allowedText(f, form.fields), serves: f.serves })),
  }));
}

export function schoolsByMunicipality(db: Database): MunicipalitySchools[] {
  return queryObjects<{ municipality_id: number; name: string }>(db, 'SELECT municipality_id, name FROM municipality ORDER BY name').map((m) => ({
    municipalityId: m.municipality_id,
    name: m.name,
    schools: municipalitySchools(db, m.municipality_id),
  }));
}

/** The forms of a new cycle as a ZIP, its blank summary, and the cycle recorded in the session. */
export function generateCycle(db: Database, request: GenerateRequest): GeneratedCycle {
  const form = findForm(request.formId);
  if (!form) throw new Error(`Формы «${request.formId}» в этой версии Око нет.`);
  if (!request.schoolIds.length) throw new Error('Выберите хотя бы одну ОО.');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(request.deadline)) throw new Error('Укажите срок сдачи формы.');
  const addressees = addresseesOf(db, request.schoolIds);
  const campaign: Campaign = { form, year: request.year, deadline: request.deadline, addressees, created: request.today };
  const zip = campaignZip(campaign);
  const summary = summaryXlsx(campaign);
  transaction(db, () => {
    ensureCampaign(db, { formId: form.id, year: request.year, version: form.version, deadline: request.deadline, created: request.today }, request.schoolIds);
    // a cycle made again with a new deadline keeps the latest one
    db.run('UPDATE monitoring_campaign SET deadline = ? WHERE form_id = ? AND year = ?', [request.deadline, form.id, request.year]);
  });
  return { zipName: zipFileName(campaign), zip, summaryName: summaryFileName(campaign), summary, schools: addressees.length };
}

export { campaigns, missingSchoolsXlsx, statusBoard };
