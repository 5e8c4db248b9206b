# The demo's completed participatory budget (src/domain/demo_pb.c): the
# province's process of this year, seeded after next year's (so it is process 2
# and /pb still lists next year's first), its calendar entirely in the past, its
# results published with their explanations, its acta signed (page and PDF), its
# vigilance committee with observations the municipality answered, and the
# vigilance report. Everything here is public.
> GET /pb
< 200
< contains href="/pb/processes/1"
< contains <h2><a href="/pb/processes/2">Presupuesto Participativo
< contains 8 agentes acreditados · 7 propuestas · 41 cédulas

> GET /pb/processes/2
< 200
< contains id="phase">Cerrado: todas las etapas terminaron</span> · <strong>Acta firmada</strong>
< contains <div><dt>Cédulas</dt><dd>41</dd></div>
< contains Leer el acta firmada
< !contains Votar

# one organization refused with its reason is not on the public list
> GET /pb/processes/2/agents
< 200
< contains Comité de Regantes de San Juan de Sonche
< contains APAFA de la I.E. N° 18006 de Levanto
< !contains Mototaxistas

# the planner declared a conflict of interest on the school and did not score it
> GET /pb/processes/2/matrix
< 200
< contains Rosa Chávez (Oficina de Planeamiento): declaró un conflicto de interés

# one proposal not viable, with the technical team's observations (the last
# filed: proposal 12, after next year's five demo proposals here, where the real
# Invierte.pe projects are not imported)
> GET /pb/processes/2/proposals
< 200
< contains Ampliación del servicio de agua y cloración en el centro poblado de Taquia
< contains <a href="/pb/processes/2/proposals/12">Compra de una camioneta para la Federación Provincial de Juntas Vecinales</a>

> GET /pb/processes/2/proposals/12
< 200
< contains No es un proyecto de inversión pública: la compra de un vehículo

# results with the process's rule (most votes first while the budget lasts):
# the road does not fit what is left, the canal after it does
> GET /pb/processes/2/results
< 200
< contains Más votadas primero, mientras alcance el presupuesto · 41 cédulas
# when, in Peru's time rather than the stored UTC instant
< contains · publicados 20
< !contains Z</p>
< contains <div><dt>Saldo</dt><dd>S/ 20,000.00</dd></div>
< contains Ampliación del servicio de agua y cloración en el centro poblado de Taquia
< contains Seleccionada: 1.º en votos; cabe en el saldo de S/ 2,000,000.00
< contains Seleccionada: 5.º en votos; cabe en el saldo de S/ 410,000.00
< contains No seleccionada: 4.º en votos; su costo de S/ 640,000.00 supera el saldo de S/ 410,000.00
< contains No seleccionada: la evaluación técnica la declaró no viable

# the signed acta: its four projects with their sources, commitments, signatories
> GET /pb/processes/2/acta
< 200
< contains Acta de acuerdos y compromisos
< contains Acordada en Auditorio de la Municipalidad Provincial de Chachapoyas
< contains Creación del mercado de productores de Huancas
< contains FONCOMUN
< contains Total</th>
< contains S/ 1,980,000.00
< contains Aportar S/ 60,000 en faenas comunales
< contains <h3 id="signatories">Firmantes</h3>
< contains Víctor Raúl Culqui Puerta<br><span class="small">Alcalde provincial, presidente del CCL — Municipalidad Provincial de Chachapoyas</span>
< contains Santos Chuquizuta Vela<br><span class="small">Agente participante — Comité de Regantes de San Juan de Sonche</span>
< contains href="/pb/processes/2/acta.pdf"

> GET /pb/processes/2/acta.pdf
< 200
< header Content-Type: application/pdf
< header Content-Disposition: attachment; filename="acta-pp-0101-
< contains %PDF-

# the vigilance committee, elected from the agents; two observations answered,
# one waiting
> GET /pb/processes/2/vigilance
< 200
< contains Marleny Zuta Culqui
< contains Junta Vecinal del Barrio Higos Urco
< contains Evidencia: Visita al centro poblado con el teniente gobernador
< contains <strong>Respuesta de la municipalidad</strong> (planificacion@demo.minka.pe,
< contains El expediente técnico se encargó con la orden de servicio N° 0412-2026-MPCH
< contains En espera de la respuesta de la municipalidad
< contains href="/pb/processes/2/vigilance/report"

> GET /pb/processes/2/vigilance/report
< 200
< contains Informe de vigilancia
< contains Total acordado en el acta: S/ 1,980,000.00
< contains Secadores solares y centro de beneficio de café en Molinopampa
< contains <td>Priorizado</td>
< contains 2 respondidas · 1 en espera de respuesta
< contains Respuesta de la municipalidad (
< contains Desde este mes el portal publica cada trimestre

# the same in the API: results published, acta signed, nothing sent to the
# investment plan (the demo's plan of the year is the province's own)
> GET /api/v1/pb/processes/2
< 200
< header Content-Type: application/json
< contains "results_rule":"greedy"
< contains "formalized_at":"
