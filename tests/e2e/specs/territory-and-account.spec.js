// A visitor explores the territory; a planner signs in, creates an API token and
// signs out; a citizen signs up.
const { test, expect } = require('@playwright/test');
const { signIn } = require('./helpers');

test('a visitor goes from Peru to the district of Chachapoyas', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('h1')).toContainText('planificamos juntos');
  await page.getByRole('link', { name: 'Territorio', exact: true }).click();
  await page.getByRole('link', { name: 'Amazonas' }).first().click();
  await expect(page.locator('h1')).toContainText('Amazonas');
  await page.locator('table').getByRole('link', { name: 'Chachapoyas' }).click();
  await page.locator('table').getByRole('link', { name: 'Chachapoyas' }).click();
  await expect(page.locator('h1')).toContainText('UBIGEO 010101');
  await expect(page.getByText('41,843')).toBeVisible();
  await expect(page.locator('svg.chart title')).toHaveText('Pobreza monetaria comparada');
  // search without accents
  await page.goto('/territories');
  await page.getByLabel('Buscar por nombre').fill('nunoa');
  await page.getByRole('button', { name: 'Buscar' }).click();
  await expect(page.getByRole('link', { name: 'Nuñoa' })).toBeVisible();
  // English
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('h1')).toContainText('Territory of Peru');
});

test('a planner signs in, makes an API token and signs out', async ({ page, request }) => {
  await signIn(page, 'planificacion@demo.minka.pe');
  await page.goto('/account');
  await expect(page.locator('h1')).toHaveText('Mi cuenta');
  await page.getByLabel('Nombre del token nuevo').fill('tablero');
  await page.getByRole('button', { name: 'Crear token' }).click();
  const token = (await page.locator('.secret').textContent()).trim();
  expect(token).toMatch(/^mk_/);
  const me = await request.get('/api/v1/me', { headers: { Authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).email).toBe('planificacion@demo.minka.pe');
  await page.getByRole('button', { name: 'Cerrar sesión', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Iniciar sesión' })).toBeVisible();
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login\?next=%2Faccount/);
});

test('a citizen signs up in her district', async ({ page }) => {
  await page.goto('/signup');
  await page.getByLabel('Nombre completo').fill('Rosa Mas');
  await page.getByLabel('Correo electrónico').fill('rosa.mas@correo.pe');
  await page.getByLabel('Distrito donde vive (UBIGEO)').fill('010102');
  await page.getByLabel('Contraseña', { exact: true }).fill('clave-de-rosa-2026');
  await page.getByLabel('Repita la contraseña').fill('clave-de-rosa-2026');
  await page.getByRole('button', { name: 'Crear cuenta' }).click();
  await expect(page.locator('h1')).toHaveText('Mi cuenta');
  await expect(page.getByText('citizen')).toBeVisible();
});
