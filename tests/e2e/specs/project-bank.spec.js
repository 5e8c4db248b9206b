// A citizen submits an initiative to the open portfolio; the municipal team
// evaluates it viable, programs it into this year's investment plan and records
// a disbursement, which starts its execution.
const { test, expect } = require('@playwright/test');
const { signIn } = require('./helpers');

const TITLE = 'Alumbrado público en el pasaje Las Orquídeas';

async function signOut(page) {
  await page.getByRole('button', { name: 'Cerrar sesión', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Iniciar sesión' })).toBeVisible();
}

test('an initiative goes from the open portfolio to money disbursed', async ({ page }) => {
  // 1. a citizen submits it
  await signIn(page, 'vecina@demo.minka.pe');
  await page.getByRole('link', { name: 'Banco de proyectos', exact: true }).click();
  await page.getByRole('link', { name: 'Presentar una iniciativa' }).click();
  await expect(page.locator('h1')).toHaveText('Presentar una iniciativa a la cartera abierta');
  await page.getByLabel('Nombre del proyecto').fill(TITLE);
  await page.getByLabel('De qué se trata').fill('El pasaje queda a oscuras; se propone instalar ocho postes con luminarias LED.');
  await page.getByLabel('Distrito').selectOption('010101');
  await page.getByLabel('Organización proponente').fill('Junta Vecinal Las Orquídeas');
  await page.getByLabel('Sector').selectOption('energy');
  await page.getByLabel('Costo estimado (S/)').fill('95,000');
  await page.getByLabel('Total').fill('160');
  await page.getByLabel('Mujeres').fill('85');
  await page.getByLabel('Hombres').fill('75');
  await page.getByRole('button', { name: 'Presentar la iniciativa' }).click();
  await expect(page.getByText('Su iniciativa fue recibida')).toBeVisible();
  await expect(page.locator('#status')).toHaveText('Recibido');
  const projectUrl = new URL(page.url()).pathname;
  const code = (await page.locator('h1 .muted').textContent()).trim().split(' ')[0];
  expect(code).toMatch(/^BP-\d{6}$/);
  await signOut(page);

  // 2. the team evaluates it viable
  await signIn(page, 'planificacion@demo.minka.pe');
  await page.goto(projectUrl);
  await page.getByLabel('Pasar a').selectOption({ label: 'En evaluación' });
  await page.getByRole('button', { name: 'Registrar la decisión' }).click();
  await expect(page.locator('#status')).toHaveText('En evaluación');
  await page.getByLabel('Pasar a').selectOption({ label: 'Viable' });
  await page.getByLabel('Motivo').fill('Ficha técnica conforme; el pasaje es de uso público');
  await page.getByRole('button', { name: 'Registrar la decisión' }).click();
  await expect(page.locator('#status')).toHaveText('Viable');
  await expect(page.getByText('Ficha técnica conforme; el pasaje es de uso público')).toBeVisible();

  // 3. ...programs it into this year's investment plan, paid by FONCOMUN
  await page.getByRole('link', { name: 'Plan de inversiones', exact: true }).first().click();
  const year = new Date().getFullYear();
  await page.getByRole('link', { name: `Plan de inversiones ${year}` }).click();
  await page.getByLabel('Código del proyecto').fill(code);
  await page.getByLabel('Fuente de financiamiento').selectOption({ label: 'FONCOMUN (PEN)' });
  await page.getByLabel('Monto').fill('95000');
  await page.getByRole('button', { name: 'Agregar al plan' }).click();
  const line = page.locator('table.lines tr', { hasText: code });
  await expect(line).toContainText('Programado');
  await expect(line).toContainText('S/ 95,000.00');

  // 4. ...and records the first disbursement: the project is in execution
  await page.goto(projectUrl);
  await expect(page.locator('#status')).toHaveText('Programado');
  await page.getByLabel('Tipo de registro').selectOption('disbursed');
  await page.getByLabel('Fuente de financiamiento').selectOption({ label: 'FONCOMUN (PEN)' });
  await page.getByLabel('Monto').fill('40,000.00');
  await page.getByLabel('Documento de sustento').fill('Comprobante de pago 0101-2026');
  await page.getByRole('button', { name: 'Registrar', exact: true }).click();
  await expect(page.locator('#status')).toHaveText('En ejecución');
  const entry = page.locator('table.entries tr', { hasText: 'Comprobante de pago 0101-2026' });
  await expect(entry).toContainText('Desembolsado');
  await expect(entry).toContainText('S/ 40,000.00');
  await expect(page.getByText('Se registró el primer desembolso')).toBeVisible();

  // the execution dashboard shows it, with its financial progress (40,000 / 95,000)
  await page.getByRole('link', { name: 'Ejecución', exact: true }).click();
  const row = page.locator('tr', { hasText: code });
  await expect(row).toContainText('42.11 %');
  await expect(page.locator('svg.chart.progress')).toContainText(TITLE.slice(0, 30));
});

test('the portfolio is searchable without accents and mapped by district', async ({ page }) => {
  await page.goto('/projects');
  await page.getByLabel('Buscar en nombres y descripciones').fill('saneamiento basico');
  await page.getByRole('button', { name: 'Buscar', exact: true }).click();
  await expect(page.locator('table.projects')).toContainText('SANEAMIENTO BÁSICO');
  await page.getByRole('link', { name: 'Mapa de proyectos' }).click();
  await expect(page.locator('svg.map path[data-code="010101"]')).toBeVisible();
});
