// A planner of the province reads the articulation report: the anaemia
// objective of the Concerted Development Plan is served by nothing, and a real
// Invierte.pe project of the province — its health centres — traces to no
// objective. From the report she opens the project, finds the objective in the
// picker by typing without accents, links it, and the report now counts the
// project in that objective and no longer among the gaps; the element's page
// and the project list filtered by it show the project.
const { test, expect } = require('@playwright/test');
const { signIn } = require('./helpers');

const PROJECT = 'MEJORAMIENTO DE LOS SERVICIOS DE SALUD EN LOS ESTABLECIMIENTOS DE SALUD DE VIRGEN DE ASUNTA';
const OBJECTIVE = 'Reducir la anemia y la desnutrición crónica infantil';

test('a planner aligns a project to a PDC objective and sees it counted in the articulation report', async ({ page }) => {
  await signIn(page, 'planificacion@demo.minka.pe');
  await page.goto('/articulation');
  await expect(page.locator('h1')).toContainText('Articulación de los planes');
  const coverage = page.locator('table').filter({ hasText: 'Objetivos institucionales' }).first();
  let row = coverage.locator('tr').filter({ hasText: OBJECTIVE });
  await expect(row).toHaveClass(/gap/);
  await expect(row.locator('td').nth(5)).toHaveText('0');      // projects
  const untraced = page.locator('ul.untraced');
  await expect(untraced).toContainText(PROJECT);

  // the project, from the list of what traces to no objective
  await untraced.getByRole('link', { name: PROJECT }).click();
  await expect(page.locator('h1')).toContainText(PROJECT);
  await expect(page.getByText('Todavía no sirve a ningún elemento de los planes')).toBeVisible();
  await page.getByRole('link', { name: 'Elegir un elemento de plan al que sirve' }).click();

  // the picker: words without accents
  await page.getByLabel('Buscar por código o palabras').fill('desnutricion cronica');
  await page.getByRole('button', { name: 'Buscar', exact: true }).click();
  const result = page.locator('.picker li').filter({ hasText: OBJECTIVE });
  await expect(result).toContainText('PDC 2022-2030 (Municipalidad Provincial de Chachapoyas)');
  await result.getByRole('button', { name: 'Sirve a OE4' }).click();
  const serves = page.locator('#serves + ul');
  await expect(serves).toContainText(OBJECTIVE);

  // the report counts it: the objective is served, the project is no gap
  await page.goto('/articulation');
  row = page.locator('table').filter({ hasText: 'Objetivos institucionales' }).first().locator('tr').filter({ hasText: OBJECTIVE });
  await expect(row.locator('td').nth(5)).toHaveText('1');
  await expect(row).not.toHaveClass(/gap/);
  await expect(page.locator('ul.untraced')).not.toContainText(PROJECT);

  // the element's page lists it, and the project list filters by it
  await row.getByRole('link', { name: OBJECTIVE }).click();
  await expect(page.locator('section').filter({ hasText: 'Proyectos que le sirven' })).toContainText(PROJECT);
  await page.getByRole('link', { name: 'Todos los proyectos que le sirven, directamente o a través de los elementos que le sirven' }).click();
  await expect(page.locator('#element-filter')).toContainText(OBJECTIVE);
  await expect(page.locator('table.projects')).toContainText(PROJECT);
});
