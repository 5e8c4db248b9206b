# A whole process through the web, on the one the team opened in
# pub_budget2_settings.t: organizations register and are accredited or refused; an
# accredited agent and the team file proposals (an unaccredited organization
# cannot; nothing after the deadline); the team reviews them; the committee
# scores (never its own organization's proposals); residents vote (within K,
# no duplicates, only where they live); paper ballots need two officers; the
# results are published with their explanations; the acta is drafted, signed
# and sent to the investment plan; the vigilance committee observes and the
# municipality answers. Steps are opened and closed "now" by the team.
> GET /pb
< 200
< capture p <h2><a href="/pb/processes/

# 1. a neighbourhood leader registers two organizations
> GET /login
< 200
< capture csrf name="csrf" value="

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=dirigenta.pp%40demo.minka.pe&password=clave-dirigenta-pp&csrf={{csrf}}
< 303

> GET /pb/processes/{{p}}/register
< 200
< contains Inscribir una organización
< contains <option value="neighbourhood_board">Junta vecinal</option>
< capture csrf name="csrf" value="

> POST /pb/processes/{{p}}/agents
> Content-Type: application/x-www-form-urlencoded
>
> name=Junta+Vecinal+Santa+Rosa&kind=sociedad_secreta&territory=010101&representative=Luz+Mas&csrf={{csrf}}
< 400
< contains &quot;kind&quot;
< contains value="Junta Vecinal Santa Rosa"

> POST /pb/processes/{{p}}/agents
> Content-Type: application/x-www-form-urlencoded
>
> name=Junta+Vecinal+Santa+Rosa&kind=neighbourhood_board&territory=010101&representative=&csrf={{csrf}}
< 400
< contains &quot;representative&quot;

> POST /pb/processes/{{p}}/agents
> Content-Type: application/x-www-form-urlencoded
>
> name=Junta+Vecinal+Santa+Rosa&kind=neighbourhood_board&territory=010101&representative=Luz+Mas+Rojas&alternate=Pedro+Tuesta&csrf={{csrf}}
< 303
< capture a1 #agent-

> POST /pb/processes/{{p}}/agents
> Content-Type: application/x-www-form-urlencoded
>
> name=junta+vecinal+SANTA+ROSA&kind=neighbourhood_board&territory=010101&representative=Otra&csrf={{csrf}}
< 409
< contains ya está inscrita en este proceso

> POST /pb/processes/{{p}}/agents
> Content-Type: application/x-www-form-urlencoded
>
> name=Comit%C3%A9+de+Vaso+de+Leche+Luya+Urco&kind=community_organization&territory=010101&representative=Luz+Mas+Rojas&csrf={{csrf}}
< 303
< capture a2 #agent-

> POST /pb/processes/{{p}}/agents
> Content-Type: application/x-www-form-urlencoded
>
> name=Asociaci%C3%B3n+Fantasma&kind=other&territory=010101&representative=Nadie&csrf={{csrf}}
< 303
< capture a3 #agent-

> GET /pb/processes/{{p}}/agents?registered=1
< 200
< contains La organización quedó inscrita
< !contains Junta Vecinal Santa Rosa

# not accredited yet: no proposals
> GET /pb/processes/{{p}}/proposals/new
< 403

> POST /logout
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

# 2. the team accredits two and refuses one with its reason
> GET /login
< 200
< capture csrf name="csrf" value="

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=equipo.pp%40demo.minka.pe&password=clave-equipo-pp&csrf={{csrf}}
< 303

> GET /pb/processes/{{p}}/agents
< 200
< contains Junta Vecinal Santa Rosa
< contains Inscrita, en espera de acreditación
< contains Luz Mas Rojas
< capture csrf name="csrf" value="

> POST /pb/processes/{{p}}/agents/{{a3}}/refuse
> Content-Type: application/x-www-form-urlencoded
>
> reason=&csrf={{csrf}}
< 400
< contains Indique por qué se rechaza a la organización

> POST /pb/processes/{{p}}/agents/{{a3}}/refuse
> Content-Type: application/x-www-form-urlencoded
>
> reason=No+present%C3%B3+el+acta+de+elecci%C3%B3n+de+sus+representantes&csrf={{csrf}}
< 303
< header Location: /pb/processes/{{p}}/agents#agent-{{a3}}

> POST /pb/processes/{{p}}/agents/{{a1}}/accredit
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

> POST /pb/processes/{{p}}/agents/{{a1}}/accredit
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 409
< contains ya está acreditada

> POST /pb/processes/{{p}}/agents/{{a2}}/accredit
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

> POST /pb/processes/{{p}}/agents/999999/accredit
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 404

> POST /pb/processes/{{p}}/agents/{{a1}}/representatives
> Content-Type: application/x-www-form-urlencoded
>
> name=Rosa+Tafur&role=alternate&email=nadie%40demo.minka.pe&csrf={{csrf}}
< 400
< contains Ninguna cuenta tiene el correo

> POST /pb/processes/{{p}}/agents/{{a1}}/representatives
> Content-Type: application/x-www-form-urlencoded
>
> name=Luz+Mas&role=alternate&email=dirigenta.pp%40demo.minka.pe&csrf={{csrf}}
< 409
< contains Esa cuenta ya representa a esta organización

> POST /pb/processes/{{p}}/agents/{{a1}}/representatives
> Content-Type: application/x-www-form-urlencoded
>
> name=Rosa+Tafur&role=alternate&email=&csrf={{csrf}}
< 303

> GET /pb/processes/{{p}}/agents
< 200
< contains Acreditada
< contains Rechazada
< contains No presentó el acta de elección de sus representantes
< contains Rosa Tafur
< capture csrf name="csrf" value="

# registration closes, the workshops open
> GET /pb/processes/{{p}}/manage
< 200
< capture sreg id="step-registration" data-step="
< capture swork id="step-workshops" data-step="
< capture seval id="step-evaluation" data-step="
< capture sprio id="step-prioritization" data-step="
< capture svote id="step-voting" data-step="
< capture sform id="step-formalization" data-step="
< capture csrf name="csrf" value="

> POST /pb/processes/{{p}}/steps/{{sreg}}/close
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

> POST /pb/processes/{{p}}/steps/{{swork}}/open
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

> POST /logout
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

# 3. the accredited agent files proposals
> GET /login
< 200
< capture csrf name="csrf" value="

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=dirigenta.pp%40demo.minka.pe&password=clave-dirigenta-pp&csrf={{csrf}}
< 303

> GET /pb/processes/{{p}}
< 200
< contains Usted representa a
< contains Junta Vecinal Santa Rosa

> GET /pb/processes/{{p}}/register
< 200
< contains La inscripción no está abierta ahora

> GET /pb/processes/{{p}}/proposals/new
< 200
< contains Presentar una propuesta
< !contains Asociación Fantasma
< capture el <option value="">Ninguno (la propuesta quedará marcada como no articulada)</option><option value="
< capture z <option value="">Sin zona (bolsa general)</option><option value="
< capture csrf name="csrf" value="

> POST /pb/processes/{{p}}/agents
> Content-Type: application/x-www-form-urlencoded
>
> name=Junta+Tard%C3%ADa&kind=other&territory=010101&representative=Nadie&csrf={{csrf}}
< 409
< contains La inscripción de agentes cerró el

# the refused organization cannot file, even asked for directly
> POST /pb/processes/{{p}}/proposals
> Content-Type: application/x-www-form-urlencoded
>
> agent={{a3}}&title=Loza+deportiva&territory=010101&sector=culture_sport&cost=50000&csrf={{csrf}}
< 409
< contains Asociación Fantasma no está acreditada en este proceso: solo los agentes participantes acreditados presentan propuestas
< contains value="Loza deportiva"

> POST /pb/processes/{{p}}/proposals
> Content-Type: application/x-www-form-urlencoded
>
> agent={{a1}}&title=Veredas+del+jir%C3%B3n+Santa+Rosa&territory=010101&zone={{z}}&sector=transport&cost=2%2C000%2C000&csrf={{csrf}}
< 400
< contains supera todo el presupuesto del proceso (S/ 1,000,000.00)

> POST /pb/processes/{{p}}/proposals
> Content-Type: application/x-www-form-urlencoded
>
> agent={{a1}}&title=Veredas+del+jir%C3%B3n+Santa+Rosa&territory=010101&zone={{z}}&sector=transport&cost=300000&cofinancing=400000&csrf={{csrf}}
< 400
< contains El cofinanciamiento no puede superar el costo

> POST /pb/processes/{{p}}/proposals
> Content-Type: application/x-www-form-urlencoded
>
> agent={{a1}}&title=Veredas+del+jir%C3%B3n+Santa+Rosa&territory=010108&zone={{z}}&sector=transport&cost=300000&csrf={{csrf}}
< 400
< contains no está en la zona

> POST /pb/processes/{{p}}/proposals
> Content-Type: application/x-www-form-urlencoded
>
> agent={{a1}}&title=Veredas+del+jir%C3%B3n+Santa+Rosa&description=Cuatro+cuadras+con+rampas&territory=010101&zone={{z}}&sector=transport&cost=300000&cofinancing=30000&beneficiaries=850&element={{el}}&csrf={{csrf}}
< 303
< capture x1 proposals/

> GET /pb/processes/{{p}}/proposals/{{x1}}?filed=1
< 200
< contains La propuesta fue presentada
< contains En espera de la evaluación técnica
< contains Sirve al objetivo del plan

> POST /pb/processes/{{p}}/proposals
> Content-Type: application/x-www-form-urlencoded
>
> agent={{a1}}&title=Fiesta+patronal&territory=010101&sector=other&cost=80000&beneficiaries=mil&csrf={{csrf}}
< 400
< contains debe ser un número entero de personas

> POST /pb/processes/{{p}}/proposals
> Content-Type: application/x-www-form-urlencoded
>
> agent={{a1}}&title=Fiesta+patronal&territory=010101&sector=other&cost=80000&csrf={{csrf}}
< 303
< capture x2 proposals/

> GET /pb/processes/{{p}}/proposals
< 200
< contains Veredas del jirón Santa Rosa
< contains No se articula con ningún objetivo del plan

> POST /logout
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

# 4. the team files one from the project bank for the other organization, closes the workshops and reviews
> GET /login
< 200
< capture csrf name="csrf" value="

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=equipo.pp%40demo.minka.pe&password=clave-equipo-pp&csrf={{csrf}}
< 303

> GET /pb/processes/{{p}}/proposals/new
< 200
< capture bank <option value="">Una propuesta nueva</option><option value="
< capture csrf name="csrf" value="

> POST /pb/processes/{{p}}/intake
> Content-Type: application/x-www-form-urlencoded
>
> proposal=1&csrf={{csrf}}
< 400
< contains La propuesta 1 no es una propuesta priorizada de impacto provincial

> POST /pb/processes/{{p}}/proposals
> Content-Type: application/x-www-form-urlencoded
>
> agent={{a2}}&project={{bank}}&cost=&territory=&sector=&csrf={{csrf}}
< 303
< capture x3 proposals/

> GET /pb/processes/{{p}}/proposals/{{x3}}
< 200
< contains Del banco de proyectos
< contains Comité de Vaso de Leche Luya Urco

> POST /pb/processes/{{p}}/steps/{{swork}}/close
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

> POST /pb/processes/{{p}}/proposals
> Content-Type: application/x-www-form-urlencoded
>
> agent={{a2}}&title=Tarde&territory=010101&sector=other&cost=1000&csrf={{csrf}}
< 409
< contains Ya no se reciben propuestas: el plazo venció el

> POST /pb/processes/{{p}}/proposals/{{x2}}/review
> Content-Type: application/x-www-form-urlencoded
>
> decision=viable&csrf={{csrf}}
< 409
< contains Esto se hace durante la etapa &quot;Evaluación técnica&quot;

> POST /pb/processes/{{p}}/steps/{{seval}}/open
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

> GET /pb/processes/{{p}}/proposals/{{x2}}
< 200
< contains action="/pb/processes/{{p}}/proposals/{{x2}}/review"

> POST /pb/processes/{{p}}/proposals/{{x2}}/review
> Content-Type: application/x-www-form-urlencoded
>
> decision=not_viable&observations=&csrf={{csrf}}
< 400
< contains Escriba las observaciones que hacen no viable la propuesta

> POST /pb/processes/{{p}}/proposals/{{x2}}/review
> Content-Type: application/x-www-form-urlencoded
>
> decision=not_viable&observations=No+es+una+inversi%C3%B3n%3A+es+un+gasto+corriente&csrf={{csrf}}
< 303
< header Location: /pb/processes/{{p}}/proposals/{{x2}}#review

> POST /pb/processes/{{p}}/proposals/{{x1}}/review
> Content-Type: application/x-www-form-urlencoded
>
> decision=viable&validated_cost=abc&csrf={{csrf}}
< 400
< contains debe ser un monto

> POST /pb/processes/{{p}}/proposals/{{x1}}/review
> Content-Type: application/x-www-form-urlencoded
>
> decision=viable&validated_cost=280000&observations=Expediente+conforme&csrf={{csrf}}
< 303

> POST /pb/processes/{{p}}/proposals/{{x3}}/review
> Content-Type: application/x-www-form-urlencoded
>
> decision=viable&csrf={{csrf}}
< 303

> GET /pb/processes/{{p}}/proposals/{{x1}}
< 200
< contains Costo validado por el equipo técnico
< contains S/ 280,000.00

# the council member belongs to the first organization
> POST /pb/processes/{{p}}/committee
> Content-Type: application/x-www-form-urlencoded
>
> email=consejo.pp%40demo.minka.pe&agent={{a1}}&csrf={{csrf}}
< 303

> POST /pb/processes/{{p}}/steps/{{seval}}/close
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

> POST /pb/processes/{{p}}/steps/{{sprio}}/open
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

> GET /pb/processes/{{p}}/proposals/{{x1}}
< 200
< contains Sus calificaciones
< capture crit name="criterion" value="

> POST /pb/processes/{{p}}/proposals/{{x1}}/scores
> Content-Type: application/x-www-form-urlencoded
>
> criterion={{crit}}&score=9&csrf={{csrf}}
< 400
< contains debe ser un número entero entre 0 y 4 (no 9)

> POST /pb/processes/{{p}}/proposals/{{x1}}/scores
> Content-Type: application/x-www-form-urlencoded
>
> criterion={{crit}}&score=&csrf={{csrf}}
< 400
< contains Dé una calificación para cada criterio

> POST /pb/processes/{{p}}/proposals/{{x1}}/scores
> Content-Type: application/x-www-form-urlencoded
>
> criterion={{crit}}&score=3&csrf={{csrf}}
< 303
< header Location: /pb/processes/{{p}}/proposals/{{x1}}?scored=1#score

> POST /pb/processes/{{p}}/proposals/{{x3}}/scores
> Content-Type: application/x-www-form-urlencoded
>
> criterion={{crit}}&score=4&csrf={{csrf}}
< 303

> POST /pb/processes/{{p}}/proposals/{{x2}}/scores
> Content-Type: application/x-www-form-urlencoded
>
> criterion={{crit}}&score=4&csrf={{csrf}}
< 409
< contains Solo se califican las propuestas que el equipo técnico declaró viables

> POST /logout
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

# 5. the council member: never her own organization's proposal
> GET /login
< 200
< capture csrf name="csrf" value="

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=consejo.pp%40demo.minka.pe&password=clave-consejo-pp&csrf={{csrf}}
< 303

> GET /pb/processes/{{p}}/proposals/{{x1}}
< 200
< contains No puede calificar esta propuesta: pertenece a la organización que la presenta
< capture csrf name="csrf" value="

> POST /pb/processes/{{p}}/proposals/{{x1}}/scores
> Content-Type: application/x-www-form-urlencoded
>
> criterion={{crit}}&score=4&csrf={{csrf}}
< 403
< contains No puede calificar la propuesta 1: la presentó su propia organización (Junta Vecinal Santa Rosa); el conflicto de interés queda registrado

> POST /pb/processes/{{p}}/proposals/{{x3}}/scores
> Content-Type: application/x-www-form-urlencoded
>
> criterion={{crit}}&score=2&csrf={{csrf}}
< 303

> POST /pb/processes/{{p}}/proposals/{{x3}}/recuse
> Content-Type: application/x-www-form-urlencoded
>
> reason=&csrf={{csrf}}
< 400
< contains Indique cuál es el conflicto de interés

> POST /pb/processes/{{p}}/proposals/{{x3}}/recuse
> Content-Type: application/x-www-form-urlencoded
>
> reason=Mi+hermana+preside+el+comit%C3%A9&csrf={{csrf}}
< 303

> POST /pb/processes/{{p}}/proposals/{{x3}}/recuse
> Content-Type: application/x-www-form-urlencoded
>
> reason=otra+vez&csrf={{csrf}}
< 409
< contains Ya declaró un conflicto de interés

> POST /pb/processes/{{p}}/proposals/{{x3}}/scores
> Content-Type: application/x-www-form-urlencoded
>
> criterion={{crit}}&score=2&csrf={{csrf}}
< 403
< contains Declaró un conflicto de interés en la propuesta 3: no la califica

> GET /pb/processes/{{p}}/matrix
< 200
< contains Consejera PP: pertenece a la organización proponente
< contains Consejera PP: declaró un conflicto de interés

> POST /logout
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303
