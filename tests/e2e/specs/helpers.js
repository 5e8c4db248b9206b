// Shared steps for the browser tests.
const { expect } = require('@playwright/test');

const PASSWORD = 'minka-demo-2026';

// Signs in with a demo account through the real form.
async function signIn(page, email) {
  await page.goto('/login');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill(PASSWORD);
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
  await expect(page.getByRole('button', { name: 'Cerrar sesión', exact: true })).toBeVisible();
}

module.exports = { signIn, PASSWORD };
