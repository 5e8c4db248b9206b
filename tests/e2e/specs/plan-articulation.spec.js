// A planner of the province of Chachapoyas creates a tourism plan, adds an axis
// and an objective, aligns the objective to the province's Concerted
// Development Plan (found by searching without accents), approves the plan
// with its ordinance and opens the articulation report, where the new plan now
// serves the PDC's tourism objective. The tree is collapsible from the keyboard.
const { test, expect } = require('@playwright/test');
const { signIn } = require('./helpers');

test('a planner builds a plan, aligns it, approves it and reads the articulation report', async ({ page }) => {
  await signIn(page, 'planificacion@demo.minka.pe');
  await page.goto('/plans');
  await expect(page.locator('h1')).toContainText('Planes');
  await page.getByRole('link', { name: 'Nuevo plan' }).click();

  // the plan
  await page.getByLabel('Instrumento', { exact: true }).selectOption('custom');
  await page.getByLabel('Nombre del instrumento (solo para otro instrumento)').fill('Plan de Desarrollo Turístico');
  await page.getByLabel('Horizonte (solo para otro instrumento)').selectOption('medium');
  await page.getByLabel('Título').fill('Plan de Turismo Sostenible de Chachapoyas (e2e)');
  await page.getByLabel('Primer año').fill('2026');
  await page.getByLabel('Último año').fill('2029');
  await page.getByLabel('Visión').fill('Un destino **cuidado por sus comunidades**.');
  await page.getByLabel('Tipos de elemento y prefijos de código').fill('axis:EJT objective:OT action:AT');
  await page.getByRole('button', { name: 'Crear el plan' }).click();
  await expect(page.locator('h1')).toContainText('Plan de Turismo Sostenible de Chachapoyas (e2e)');
  await expect(page.locator('.prose strong')).toHaveText('cuidado por sus comunidades');
  await expect(page.getByText('Este plan aún no tiene elementos.')).toBeVisible();

  // an axis, then an objective under it
  await page.getByRole('link', { name: 'Agregar un elemento' }).click();
  await page.getByLabel('Tipo de elemento').selectOption('axis');
  await page.getByLabel('Título').fill('Turismo con las comunidades');
  await page.getByRole('button', { name: 'Agregar el elemento' }).click();
  await expect(page.locator('.tree')).toContainText('EJT1');
  await page.getByRole('link', { name: 'Agregar un elemento' }).click();
  await page.getByLabel('Tipo de elemento').selectOption('objective');
  await page.getByLabel('Bajo').selectOption({ label: 'EJT1 Turismo con las comunidades' });
  await page.getByLabel('Título').fill('Guías locales formados en Kuélap');
  await page.getByLabel('Oficina responsable').fill('Subgerencia de Turismo');
  await page.getByRole('button', { name: 'Agregar el elemento' }).click();
  const tree = page.locator('.tree');
  await expect(tree).toContainText('OT1');

  // the tree folds from the keyboard
  const summary = tree.locator('summary').first();
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(tree.locator('details').first()).not.toHaveAttribute('open', '');
  await page.keyboard.press('Enter');
  await expect(tree.locator('details').first()).toHaveAttribute('open', '');

  // align the objective: search the province's plans without accents
  await tree.getByRole('link', { name: 'Guías locales formados en Kuélap' }).click();
  await expect(page.locator('h1')).toContainText('OT1');
  await page.getByRole('link', { name: 'Alinear con un elemento de un plan superior' }).click();
  await page.getByLabel('Buscar por código o palabras').fill('kuelap');
  await page.getByRole('button', { name: 'Buscar', exact: true }).click();
  const result = page.locator('.picker li').filter({ hasText: 'Consolidar el turismo sostenible' });
  await expect(result).toContainText('PDC 2022-2030 (Municipalidad Provincial de Chachapoyas)');
  await result.getByRole('button', { name: 'Alinear con OE2' }).click();
  await expect(page.locator('h1')).toContainText('Guías locales formados en Kuélap');
  await expect(page.locator('section').filter({ hasText: 'A qué sirve' })).toContainText('Consolidar el turismo sostenible');

  // approve it with its ordinance
  await page.locator('.crumbs').getByRole('link', { name: 'Plan de Turismo Sostenible de Chachapoyas (e2e)' }).click();
  await page.getByLabel('Acto de aprobación').selectOption('ordinance');
  await page.getByLabel('Número del acto').fill('Ordenanza Municipal N.° 021-2026-MPCH');
  await page.getByLabel('Fecha del acto').fill('2026-11-02');
  await page.getByRole('button', { name: 'Aprobar esta versión' }).click();
  await expect(page.locator('.status .badge')).toHaveText('aprobado');
  await expect(page.locator('.status')).toContainText('Ordenanza Municipal N.° 021-2026-MPCH');
  await expect(page.getByRole('heading', { name: 'Versiones aprobadas' })).toBeVisible();

  // the articulation report: the new plan serves the PDC's tourism objective
  await page.getByRole('link', { name: 'Reporte de articulación' }).click();
  await expect(page.locator('h1')).toContainText('Articulación de los planes');
  await expect(page.locator('table').first()).toContainText('Plan de Turismo Sostenible de Chachapoyas (e2e)');
  const oe2 = page.locator('tr').filter({ hasText: 'Consolidar el turismo sostenible' }).first();
  await expect(oe2.locator('td').nth(2)).toHaveText('2');   // the PDI's OEI2 and our OT1
  await expect(page.getByRole('heading', { name: 'Sus distritos, lado a lado' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Participación del presupuesto por eje estratégico' })).toBeVisible();
});

test('a visitor reads a plan, its versions and its PDF; the tree folds and unfolds', async ({ page, request }) => {
  await page.goto('/plans/1');
  await expect(page.locator('h1')).toContainText('Plan de Desarrollo Local Concertado de la Provincia de Chachapoyas');
  await page.getByRole('button', { name: 'Contraer todo' }).click();
  await expect(page.locator('.tree details[open]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Desplegar todo' }).click();
  await expect(page.locator('.tree details:not([open])')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Registrar la aprobación' })).toHaveCount(0);
  const pdf = await request.get('/plans/1/pdf');
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  await page.getByRole('link', { name: 'Documento para imprimir' }).click();
  await expect(page.locator('.doc-cover h1')).toContainText('Chachapoyas');
});
