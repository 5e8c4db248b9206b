// A participatory budget from its opening to the signed acta, the way the
// people of a municipality do it through the browser: the technical team opens
// the process and moves its calendar, two organizations register (one through
// its own representative) and are accredited, three proposals are filed and
// reviewed, the committee scores the matrix, a resident votes, the results are
// computed with their explanations, the acta is drafted and signed, and anyone
// can open it (page and PDF).
const { test, expect } = require('@playwright/test');
const { signIn } = require('./helpers');

const YEAR = '2088';
const TITLE = `Presupuesto Participativo ${YEAR} (recorrido)`;
const ORG1 = 'Asociación de Ceramistas de Huancas (recorrido)';
const ORG2 = 'Junta Vecinal de Yance (recorrido)';

async function signOut(page) {
  await page.getByRole('button', { name: 'Cerrar sesión', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Iniciar sesión' })).toBeVisible();
}

// On the management page: opens or closes a step of the calendar now.
async function step(page, processUrl, action, label) {
  await page.goto(`${processUrl}/manage`);
  await page.getByRole('button', { name: `${action}: ${label}` }).click();
  await expect(page).toHaveURL(/manage#calendar$/);
}

async function fileProposal(page, processUrl, org, title, cost) {
  await page.goto(`${processUrl}/proposals/new`);
  await page.getByLabel('Organización que la presenta').selectOption({ label: org });
  await page.getByLabel('Nombre de la propuesta').fill(title);
  await page.getByLabel('De qué se trata').fill(`${title}: lo pidieron los vecinos en el taller.`);
  await page.getByLabel('Distrito que beneficia').selectOption({ label: '— Chachapoyas' });
  await page.getByLabel(/^Sector/).selectOption({ label: 'Agua y saneamiento' });
  await page.getByLabel('Costo estimado').fill(cost);
  await page.getByLabel('Personas beneficiadas').fill('300');
  const objectives = page.getByLabel('Objetivo del plan de desarrollo concertado al que sirve');
  await objectives.selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Presentar la propuesta' }).click();
  await expect(page.getByText('La propuesta fue presentada')).toBeVisible();
  return new URL(page.url()).pathname;
}

test('a participatory budget from the call to the signed acta', async ({ page }) => {
  test.setTimeout(120000);

  // 1. the technical team opens the process
  await signIn(page, 'planificacion@demo.minka.pe');
  await page.getByRole('link', { name: 'Presupuesto participativo', exact: true }).click();
  await page.getByRole('link', { name: 'Nuevo presupuesto participativo' }).click();
  await page.getByLabel('Título').fill(TITLE);
  await page.getByLabel('Presupuesto para el año').fill(YEAR);
  await page.getByLabel('Techo presupuestal').fill('500,000');
  await page.getByLabel('K: propuestas que cada votante puede elegir u ordenar (0 = sin límite)').fill('2');
  await page.getByRole('button', { name: 'Abrir el proceso' }).click();
  await expect(page.getByText('El proceso está abierto')).toBeVisible();
  await expect(page.locator('h1')).toContainText(TITLE);
  const processUrl = new URL(page.url()).pathname;
  await step(page, processUrl, 'Abrir ahora', 'Inscripción de agentes participantes');
  await page.goto(processUrl);
  await expect(page.locator('#open-step')).toHaveText('Inscripción de agentes participantes');
  // the team registers one organization brought on paper
  await page.goto(`${processUrl}/register`);
  await page.getByLabel('Nombre de la organización').fill(ORG2);
  await page.getByLabel('Tipo de organización').selectOption({ label: 'Junta vecinal' });
  await page.getByLabel('Representante titular').fill('Elvira Tafur Chávez');
  await page.getByRole('button', { name: 'Inscribir la organización' }).click();
  await expect(page.getByText('La organización quedó inscrita')).toBeVisible();
  await signOut(page);

  // 2. an agent registers his own organization
  await signIn(page, 'agente@demo.minka.pe');
  await page.goto(processUrl);
  await page.getByRole('link', { name: 'Inscribir una organización' }).click();
  await page.getByLabel('Nombre de la organización').fill(ORG1);
  await page.getByLabel('Tipo de organización').selectOption({ label: 'Asociación de productores' });
  await page.getByLabel('Dónde actúa').selectOption({ label: '— Huancas' });
  await page.getByLabel('Representante titular').fill('Teodoro Chuquipiondo Santillán');
  await page.getByRole('button', { name: 'Inscribir la organización' }).click();
  await expect(page.getByText('La organización quedó inscrita')).toBeVisible();
  await signOut(page);

  // 3. the team accredits both, closes the registration and opens the workshops
  await signIn(page, 'planificacion@demo.minka.pe');
  await page.goto(`${processUrl}/agents`);
  for (const org of [ORG1, ORG2]) {
    await page.getByRole('button', { name: `Acreditar ${org}` }).click();
    await expect(page.locator(`tr[data-name="${org}"]`)).toContainText('Acreditada');
  }
  await step(page, processUrl, 'Cerrar ahora', 'Inscripción de agentes participantes');
  await step(page, processUrl, 'Abrir ahora', 'Talleres y presentación de propuestas');
  const third = await fileProposal(page, processUrl, ORG2, 'Cambio de tuberías del pasaje Yance', '150000');
  await signOut(page);

  // 4. the agent files two proposals of his organization
  await signIn(page, 'agente@demo.minka.pe');
  const first = await fileProposal(page, processUrl, ORG1, 'Agua clorada para el barrio de los ceramistas', '200,000');
  const second = await fileProposal(page, processUrl, ORG1, 'Letrinas ecológicas en el anexo de Huancas', '400000');
  await page.goto(`${processUrl}/proposals`);
  await expect(page.locator('.proposal-list > li')).toHaveCount(3);
  await signOut(page);

  // 5. the team reviews the three proposals
  await signIn(page, 'planificacion@demo.minka.pe');
  await step(page, processUrl, 'Cerrar ahora', 'Talleres y presentación de propuestas');
  await step(page, processUrl, 'Abrir ahora', 'Evaluación técnica');
  for (const [url, viable] of [[first, true], [second, false], [third, true]]) {
    await page.goto(url);
    if (viable) {
      await page.getByLabel('Viable', { exact: true }).check();
      await page.getByLabel('Observaciones').fill('Ficha técnica conforme.');
    } else {
      await page.getByLabel('No viable').check();
      await page.getByLabel('Observaciones').fill('El terreno no tiene saneamiento físico legal.');
    }
    await page.getByRole('button', { name: 'Registrar la evaluación' }).click();
    await expect(page.locator('#proposal-status')).toHaveText(viable ? 'Viable' : 'No viable');
  }

  // 6. the committee (the planner) scores the viable ones on the matrix
  await page.goto(`${processUrl}/manage`);
  await page.getByLabel('Correo de la cuenta del miembro').fill('planificacion@demo.minka.pe');
  await page.getByRole('button', { name: 'Agregar al comité' }).click();
  await step(page, processUrl, 'Cerrar ahora', 'Evaluación técnica');
  await step(page, processUrl, 'Abrir ahora', 'Priorización con la matriz de criterios');
  for (const [url, score] of [[first, '4'], [third, '2']]) {
    await page.goto(url);
    await page.getByLabel('Brecha de cobertura del servicio (0–4)').fill(score);
    await page.getByRole('button', { name: 'Guardar mis calificaciones' }).click();
    await expect(page.getByText('Sus calificaciones se guardaron.')).toBeVisible();
  }
  await page.getByRole('link', { name: 'Matriz', exact: true }).click();
  await expect(page.locator('table.matrix-full tbody tr')).toHaveCount(2);
  await step(page, processUrl, 'Cerrar ahora', 'Priorización con la matriz de criterios');
  await step(page, processUrl, 'Abrir ahora', 'Votación ciudadana');
  await signOut(page);

  // 7. a resident votes
  await signIn(page, 'vecina@demo.minka.pe');
  await page.goto(processUrl);
  await page.getByRole('link', { name: 'Votar', exact: true }).first().click();
  await page.getByRole('checkbox', { name: /Agua clorada para el barrio de los ceramistas/ }).check();
  await page.getByRole('checkbox', { name: /Cambio de tuberías del pasaje Yance/ }).check();
  await page.getByRole('button', { name: 'Emitir mi voto' }).click();
  await expect(page.getByText('Su voto quedó registrado')).toBeVisible();
  await signOut(page);

  // 8. voting closes; the team computes and publishes the results
  await signIn(page, 'planificacion@demo.minka.pe');
  await step(page, processUrl, 'Cerrar ahora', 'Votación ciudadana');
  await page.goto(`${processUrl}/manage`);
  await page.getByRole('button', { name: 'Calcular y publicar los resultados' }).click();
  await expect(page).toHaveURL(new RegExp(`${processUrl}/results$`));
  const water = page.locator('.results-list li', { hasText: 'Agua clorada para el barrio de los ceramistas' });
  await expect(water.locator('.explanation')).toContainText('Seleccionada: 1.º en votos; cabe en el saldo de S/ 500,000.00');
  const latrines = page.locator('.results-list li', { hasText: 'Letrinas ecológicas' });
  await expect(latrines.locator('.explanation')).toHaveText('No seleccionada: la evaluación técnica la declaró no viable');

  // 9. the acta: where and when, a signatory, signed
  await step(page, processUrl, 'Abrir ahora', 'Formalización de acuerdos y compromisos');
  await page.goto(`${processUrl}/acta`);
  await page.getByLabel('Lugar').fill('Auditorio de la Municipalidad Provincial de Chachapoyas');
  await page.getByLabel('Fecha', { exact: true }).fill('2026-12-15');
  await page.getByLabel('Acuerdos').fill('Se priorizan los proyectos seleccionados y sus montos.');
  await page.getByRole('button', { name: 'Guardar el acta' }).click();
  await page.getByLabel('Nombre del firmante').fill('Víctor Culqui Puerta');
  await page.getByLabel('Cargo').fill('Alcalde provincial');
  await page.getByLabel('Organización', { exact: true }).fill('Municipalidad Provincial de Chachapoyas');
  await page.getByRole('button', { name: 'Agregar el firmante' }).click();
  await page.getByRole('button', { name: 'Firmar el acta' }).click();
  await expect(page.locator('.doc-cover')).toContainText('Firmada');
  await signOut(page);

  // 10. anyone opens the signed acta
  await page.goto(processUrl);
  await page.getByRole('link', { name: 'Leer el acta firmada' }).click();
  await expect(page.locator('.acta h2')).toHaveText('Acta de acuerdos y compromisos');
  await expect(page.locator('.acta')).toContainText('Agua clorada para el barrio de los ceramistas');
  await expect(page.locator('.acta')).toContainText('Víctor Culqui Puerta');
  const pdf = await page.request.get(`${processUrl}/acta.pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
});
