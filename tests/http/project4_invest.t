# The annual investment plan: funding sources with a ceiling per year, plans
# per government and year, lines with a quarterly schedule that move projects
# to "programmed", over-commitment refused with what is left, approval that
# freezes the plan. The demo has this year's draft plan (FONCOMUN for the water
# of Higos Urco, canon and the community's work for the jirón Libertad).
> GET /invest
< 200
< contains <h1>Plan de inversiones — Municipalidad Provincial de Chachapoyas</h1>
< contains FONCOMUN
< contains S/ 2,400,000.00
< contains S/ 485,000.00
< contains Aporte de la comunidad (faenas)
< !contains action="/invest/plans"
< capture plan <a href="/invest/

> GET /invest/{{plan}}
< 200
< contains <span class="status s-draft">Borrador</span>
< contains BP-000001
< contains Pistas y veredas del jirón Libertad
< contains 242,500.00
< !contains action="/invest/{{plan}}/lines"

> GET /invest/99999
< 404

> GET /invest?year=1999
< 400

# the team signs in
> GET /login
< 200
< capture csrf name="csrf" value="

> POST /invest/plans
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&government=0101&year=2031
< 401

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=admin%40demo.minka.pe&password=minka-demo-2026&csrf={{csrf}}
< 303

> GET /admin/users
< 200
< capture csrf name="csrf" value="

> POST /admin/users
> Content-Type: application/x-www-form-urlencoded
>
> name=Equipo+T%C3%A9cnico+4&email=equipo4%40demo.minka.pe&role=planner&territory=0101&password=clave-del-equipo-4&csrf={{csrf}}
< 200

> POST /logout
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

> GET /login
< 200
< capture csrf name="csrf" value="

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=equipo4%40demo.minka.pe&password=clave-del-equipo-4&csrf={{csrf}}
< 303

> GET /invest?year=2031
< 200
< contains action="/invest/plans"
< capture csrf name="csrf" value="

# funding sources
> POST /invest/sources
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&government=0101&year=2031&kind=cooperation&name=Agencia+Suiza+para+el+Desarrollo&currency=USD
< 303
< header Location: /invest?government=0101&year=2031

> POST /invest/sources
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&government=0101&year=2031&kind=cooperation&name=Agencia+Suiza+para+el+Desarrollo&currency=USD
< 409
< contains ya tiene una fuente de financiamiento llamada &quot;Agencia Suiza para el Desarrollo&quot;
< contains value="Agencia Suiza para el Desarrollo"

> POST /invest/sources
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&government=0101&kind=lottery&name=Loter%C3%ADa
< 400

> POST /invest/sources
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&government=0101&kind=canon&name=Regal%C3%ADas&currency=soles
< 400
< contains código ISO de tres letras

# ceilings for 2031 (FONCOMUN is source 1 in the demo)
> POST /invest/sources/1/ceiling
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&year=2031&amount=-5
< 400
< contains Los montos no pueden ser negativos

> POST /invest/sources/1/ceiling
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&year=2031&amount=mucho
< 400
< contains debe ser un monto

> POST /invest/sources/1/ceiling
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&year=2031&amount=300,000.00
< 303

> GET /invest?year=2031
< 200
< contains S/ 300,000.00

# plans: one per government and year
> POST /invest/plans
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&government=0101&year=2031
< 303
< capture plan2031 Location: /invest/

> POST /invest/plans
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&government=0101&year=2031
< 409
< contains ya tiene un plan de inversiones para 2031

> GET /invest/{{plan2031}}
< 200
< contains action="/invest/{{plan2031}}/lines"
< contains <h1>Plan de inversiones 2031 — Municipalidad Provincial de Chachapoyas</h1>

# lines: Levanto's reforestation (BP-000004, viable, S/ 220,000) from FONCOMUN
> POST /invest/{{plan2031}}/lines
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&project=BP-999999&source=1&amount=1000
< 400
< contains No hay proyecto con código BP-999999

> POST /invest/{{plan2031}}/lines
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&project=BP-000006&source=1&amount=1000
< 409
< contains Solo se programan proyectos viables o priorizados (BP-000006 está &quot;No viable&quot;)

> POST /invest/{{plan2031}}/lines
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&project=BP-000004&source=1&amount=350000
< 409
< contains Supera el techo: a &quot;FONCOMUN&quot; le quedan S/ 300,000.00 para 2031 y esta línea necesita S/ 350,000.00
< contains value="BP-000004"

> POST /invest/{{plan2031}}/lines
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&project=BP-000004&source=1&amount=220000&q1=100000&q2=100000
< 400
< contains El cronograma trimestral suma S/ 200,000.00 y no el monto S/ 220,000.00

> POST /invest/{{plan2031}}/lines
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&project=BP-000004&source=1&amount=-220000
< 400
< contains no pueden ser negativos

> POST /invest/{{plan2031}}/lines
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&project=bp-000004&source=1&amount=220000&q2=120000&q3=100000
< 303

> GET /invest/{{plan2031}}
< 200
< contains BP-000004
< contains <span class="status s-programmed">Programado</span>
< contains 120,000.00
< contains invest.line.add
< capture line_remove action="/invest/{{plan2031}}/lines/

> GET /projects/4
< 200
< contains Viable → <strong>Priorizado</strong>
< contains Priorizado → <strong>Programado</strong>
< contains Programado en el plan de inversiones

# taking the line out sends the project back to prioritized
> POST /invest/{{plan2031}}/lines/{{line_remove}}
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

> GET /projects/4
< 200
< contains <span class="status s-prioritized" id="status">Priorizado</span>
< contains Retirado del plan de inversiones

# approval freezes the plan
> POST /invest/{{plan2031}}/lines
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&project=BP-000004&source=1&amount=220000
< 303

> POST /invest/{{plan2031}}/approve
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 400

> POST /invest/{{plan2031}}/approve
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&reference=Acuerdo+de+Concejo+N%C2%B0+045-2031-MPCH
< 303

> GET /invest/{{plan2031}}
< 200
< contains <span class="status s-approved">Aprobado</span> Acuerdo de Concejo N° 045-2031-MPCH
< !contains action="/invest/{{plan2031}}/lines"

> POST /invest/{{plan2031}}/lines
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&project=BP-000003&source=1&amount=1000
< 409
< contains ya fue aprobado

> GET /api/v1/invest/{{plan2031}}
< 200
< contains "status":"approved"
< contains "amount_cents":22000000
< contains "quarters_cents":[5500000,5500000,5500000,5500000]

# a council member cannot edit the plan
> POST /logout
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

> GET /login
< 200
< capture csrf name="csrf" value="

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=consejo%40demo.minka.pe&password=minka-demo-2026&csrf={{csrf}}
< 303

> GET /invest
< 200
< capture csrf name="csrf" value="

> POST /invest/sources/1/ceiling
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&year=2031&amount=1
< 403
