# (Files pub_budget*.t run after the project-bank files, whose counts their
# prioritized and programmed projects would change.)
# The participatory budget is readable without an account: the list, the demo
# process (its vote open) with its calendar and phase, the accredited agents,
# the proposals with their status and untraced ones flagged, the matrix, the
# results (not before voting closes: no running tallies), the acta and the
# vigilance committee (not yet), the Pabulib export, and the JSON API.
> GET /pb
< 200
< contains Presupuesto participativo
< contains href="/pb/processes/1"
< contains Presupuesto Participativo
< !contains Nuevo presupuesto participativo

> GET /pb/processes/1
< 200
< contains <span class="status s-in_execution" id="phase">Concertación</span>
< contains id="open-step">Votación ciudadana</strong>
< contains Inscripción de agentes participantes
< contains Formalización de acuerdos y compromisos
< contains Concluida
< contains En curso
< contains inicie sesión para votar
< contains Ciudad de Chachapoyas
< contains Bolsa general (propuestas sin zona)
< contains <li>Transporte: S/ 1,600,000.00</li>
< header Content-Security-Policy: default-src

> GET /pb/processes/1/agents
< 200
< contains Asociación de Productores de Huancas
< contains Comunidad Campesina de Levanto
< contains Comunidad campesina
< contains Teodoro Chuquipiondo Santillán
< !contains Asociación Pro Vivienda Los Laureles
< !contains Club Deportivo Juventud Chiliquín
< !contains action="/pb/processes/1/agents/

> GET /pb/processes/1/proposals
< 200
< contains Centro de acopio y venta directa de cerámica y papa nativa de Huancas
< contains No se articula con ningún objetivo del plan
< contains No viable
< contains Viable
< contains propuestas no se articulan con ningún objetivo

> GET /pb/processes/1/proposals/1
< 200
< contains Evaluación técnica
< contains Ficha técnica conforme
< !contains action="/pb/processes/1/proposals/1/review"
< !contains Sus calificaciones

> GET /pb/processes/1/proposals/999
< 404

> GET /pb/processes/abc/proposals/1
< 404

> GET /pb/processes/1/matrix
< 200
< contains Pobreza del distrito beneficiado
< contains Brecha de cobertura del servicio
< contains pertenece a la organización proponente
< contains no puede calificarla
< contains >100<

> GET /pb/processes/1/results
< 200
< contains Los resultados se publican cuando cierra la votación

> GET /api/v1/pb/processes/1/results
< 409
< contains {"error":{"code":"conflict","message":"Los resultados se calculan cuando termina la etapa \"Votación ciudadana\"

> GET /api/v1/pb/processes/1/results?rule=lottery
< 400

> GET /pb/processes/1/acta
< 200
< contains El acta se redacta una vez publicados los resultados.
< !contains action="/pb/processes/1/acta"

> GET /pb/processes/1/acta.pdf
< 404
< contains El acta se redacta una vez publicados los resultados

> GET /pb/processes/1/vigilance
< 200
< contains El comité de vigilancia aún no ha sido elegido.
< !contains action="/pb/processes/1/vigilance/observations"

> GET /pb/processes/1/vigilance/report
< 200
< contains Informe de vigilancia
< contains El acta aún no ha sido firmada.

> GET /pb/processes/1/export.pb
< 200
< header Content-Disposition: attachment; filename="minka_0101_
< contains META
< contains vote_type;approval
< contains max_length;3
< contains unit;Municipalidad Provincial de Chachapoyas
< contains VOTES

> GET /pb/processes/999
< 404
< contains No hay presupuesto participativo con el número 999

> GET /api/v1/pb/processes
< 200
< contains "items":[{"id":1
< contains "phase":"concertation"
< contains "open_step":"voting"

> GET /api/v1/pb/processes?government=0102
< 200
< contains {"items":[],"total":0}

> GET /api/v1/pb/processes/1
< 200
< contains "method":"approval"
< contains "criteria":[

> GET /api/v1/pb/processes/1/agents
< 200
< contains "status":"accredited"
< !contains Los Laureles

> GET /api/v1/pb/processes/1/proposals
< 200
< contains "traced":false
< contains "review":"not_viable"

> GET /api/v1/pb/processes/1/matrix
< 200
< contains "rows":[
< contains "why":"own_organization"

> GET /api/v1/pb/processes/999/matrix
< 404
< contains "code":"not_found"

# forms need an account
> GET /pb/processes/1/vote
< 303
< header Location: /login?next=

> GET /pb/new
< 303
< header Location: /login?next=

# in English too (the language sticks: last)
> GET /pb/processes/1?lang=en
< 200
< contains id="open-step">Citizen vote</strong>
< contains Coordination between levels of government
