// The planning office defines an indicator of the province, sets its quarterly
// targets, enters two quarters disaggregated by sex, submits and approves them,
// and watches its status change on the monitoring dashboard: on track after the
// first quarter, off track after the second.
const { test, expect } = require('@playwright/test');
const { signIn } = require('./helpers');

const NAME = 'Jóvenes que participan en el consejo provincial de la juventud';

async function enterQuarter(page, indicatorUrl, period, women, men) {
  await page.goto(indicatorUrl);
  const form = page.locator('#measure');
  await form.getByLabel('Periodo', { exact: true }).fill(period);
  await form.getByLabel('Mujeres').fill(String(women));
  await form.getByLabel('Hombres').fill(String(men));
  await form.getByLabel('Medio de verificación (referencia)').fill(`Lista de asistencia ${period}`);
  await form.getByRole('button', { name: 'Guardar como borrador' }).click();
  await expect(page.locator('h1')).toContainText(`Medición ${period}`);
  await expect(page.locator('#status')).toHaveText('Borrador');
  await expect(page.locator('#value')).toHaveText(String(women + men));
  await page.getByRole('button', { name: 'Enviar a revisión' }).click();
  await expect(page.locator('#status')).toHaveText('Enviado');
  await page.getByRole('button', { name: 'Aprobar' }).click();
  await expect(page.locator('#status')).toHaveText('Aprobado');
}

async function dashboardStatus(page) {
  await page.getByRole('link', { name: 'Seguimiento', exact: true }).click();
  await expect(page.locator('h1')).toHaveText('Seguimiento — Chachapoyas');
  return page.locator('table.indicators tr', { hasText: NAME });
}

test('an indicator is defined, measured by sex for two quarters, approved, and its status changes', async ({ page }) => {
  await signIn(page, 'planificacion@demo.minka.pe');

  // 1. define it, from the dashboard
  await page.getByRole('link', { name: 'Seguimiento', exact: true }).click();
  await page.getByRole('link', { name: 'Nuevo indicador' }).click();
  await expect(page.locator('h1')).toHaveText('Nuevo indicador');
  await page.getByLabel('Nombre', { exact: true }).fill(NAME);
  await page.getByLabel('Definición').fill('Jóvenes de 15 a 29 años distintos en las listas de asistencia de las sesiones del trimestre.');
  await page.getByLabel('Unidad de medida').selectOption({ label: 'Número' });
  await page.getByLabel('Etiqueta de la unidad').fill('jóvenes');
  await page.getByLabel('Sentido').selectOption('increase');
  await page.getByLabel('Frecuencia').selectOption('quarter');
  await page.getByLabel('Primer periodo').fill('2026-Q1');
  await page.getByLabel('Último periodo').fill('2026-Q4');
  await page.getByLabel('Línea de base', { exact: true }).fill('0');
  await page.getByLabel('Fecha de la línea de base').fill('2025-12-31');
  await page.getByLabel('Meta final').fill('120');
  await page.getByLabel('Oficina responsable').fill('Subgerencia de Juventudes');
  await page.getByRole('checkbox', { name: /Sexo/ }).check();
  await page.getByRole('button', { name: 'Guardar el indicador' }).click();
  await expect(page.locator('h1')).toContainText(NAME);
  await expect(page.locator('#status')).toHaveText('Sin datos');
  const indicatorUrl = new URL(page.url()).pathname;

  // 2. quarterly targets
  for (const [period, value] of [['2026-Q1', '20'], ['2026-Q2', '50']]) {
    await page.getByLabel('Periodo de la meta').fill(period);
    await page.getByLabel('Meta', { exact: true }).fill(value);
    await page.getByRole('button', { name: 'Fijar la meta' }).click();
    await expect(page.locator('#targets + ul')).toContainText(`${period}: ${value}`);
  }

  // 3. the first quarter: 12 women and 10 men against a target of 20
  await enterQuarter(page, indicatorUrl, '2026-Q1', 12, 10);
  let row = await dashboardStatus(page);
  await expect(row).toContainText('En curso normal');
  await expect(row).toContainText('110.00 %');
  await expect(page.getByRole('img', { name: /Logro de cada indicador/ })).toContainText(NAME.slice(0, 40));

  // 4. the second quarter: 15 and 13, far from the 50 expected
  await enterQuarter(page, indicatorUrl, '2026-Q2', 15, 13);
  row = await dashboardStatus(page);
  await expect(row).toContainText('Crítico');
  await expect(row).toContainText('56.00 %');

  // the indicator's page keeps both quarters, by sex, with who approved them
  await page.goto(indicatorUrl);
  await expect(page.locator('#status')).toHaveText('Crítico');
  const q1 = page.locator('table.measurements tr', { hasText: '2026-Q1' });
  await expect(q1).toContainText('Mujeres 12; Hombres 10;');
  await expect(q1).toContainText('Aprobado');
  await expect(page.locator('svg.chart.target-actual title')).toContainText(NAME);
});
