# The accounts the participatory-budget files use (other files change the demo
# accounts), then the technical team opens a process and sets it up: bad
# settings shown again with a precise message and what was typed, the
# calendar (dates, open now, close now), zone budgets within the ceiling,
# category caps, the criteria matrix whose weights must total 100, and the
# committee (only accounts that may score; one with its organization).
> GET /login
< 200
< capture csrf name="csrf" value="

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
> name=Equipo+PP&email=equipo.pp%40demo.minka.pe&role=planner&territory=0101&residence=010101&password=clave-equipo-pp&csrf={{csrf}}
< 200

> POST /admin/users
> Content-Type: application/x-www-form-urlencoded
>
> name=Consejera+PP&email=consejo.pp%40demo.minka.pe&role=council&territory=0101&residence=010101&password=clave-consejo-pp&csrf={{csrf}}
< 200

> POST /admin/users
> Content-Type: application/x-www-form-urlencoded
>
> name=Dirigenta+Vecinal&email=dirigenta.pp%40demo.minka.pe&role=citizen&territory=010101&residence=010101&password=clave-dirigenta-pp&csrf={{csrf}}
< 200

> POST /admin/users
> Content-Type: application/x-www-form-urlencoded
>
> name=Vecino+de+Asunci%C3%B3n&email=vecino.pp%40demo.minka.pe&role=citizen&territory=010102&residence=010102&password=clave-vecino-pp-1&csrf={{csrf}}
< 200

> POST /admin/users
> Content-Type: application/x-www-form-urlencoded
>
> name=Vecina+de+Lima&email=limena.pp%40demo.minka.pe&role=citizen&territory=150101&residence=150101&password=clave-limena-pp-1&csrf={{csrf}}
< 200

> POST /admin/users
> Content-Type: application/x-www-form-urlencoded
>
> name=Vigilante+PP&email=vigia.pp%40demo.minka.pe&role=vigilance&territory=0101&residence=010101&password=clave-vigia-pp-1&csrf={{csrf}}
< 200

> POST /logout
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

# the technical team
> GET /login
< 200
< capture csrf name="csrf" value="

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=equipo.pp%40demo.minka.pe&password=clave-equipo-pp&csrf={{csrf}}
< 303

> GET /pb
< 200
< contains href="/pb/new"

> GET /pb/new
< 200
< contains Nuevo presupuesto participativo
< contains name="first_day" type="date"
< capture csrf name="csrf" value="

> POST /pb/processes
> Content-Type: application/x-www-form-urlencoded
>
> government=0101&title=PP+2091&year=2091&ceiling=&method=approval&rule=greedy&max_choices=2&first_day=2091-01-07&csrf={{csrf}}
< 400
< contains &quot;Techo presupuestal&quot; es obligatorio
< contains value="PP 2091"

> POST /pb/processes
> Content-Type: application/x-www-form-urlencoded
>
> government=0101&title=PP+2091&year=2091&ceiling=0&method=approval&rule=greedy&max_choices=2&first_day=2091-01-07&csrf={{csrf}}
< 400
< contains El techo presupuestal debe ser mayor que cero

> POST /pb/processes
> Content-Type: application/x-www-form-urlencoded
>
> government=0101&title=PP+2091&year=2091&ceiling=900000&method=cumulative&points=10&rule=phragmen&first_day=2091-01-07&csrf={{csrf}}
< 400
< contains La regla de Phragmén usa cédulas de aprobación

> POST /pb/processes
> Content-Type: application/x-www-form-urlencoded
>
> government=0101&title=PP+2091&year=2091&ceiling=900000&method=approval&rule=greedy&max_choices=2&first_day=2091-13-07&csrf={{csrf}}
< 400
< contains &quot;first_day&quot;

> POST /pb/processes
> Content-Type: application/x-www-form-urlencoded
>
> government=0101&title=PP+2091&year=2091&ceiling=900000&method=lottery&rule=greedy&first_day=2091-01-07&csrf={{csrf}}
< 400

> POST /pb/processes
> Content-Type: application/x-www-form-urlencoded
>
> government=0102&title=PP+Bagua&year=2091&ceiling=900000&method=approval&rule=greedy&first_day=2091-01-07&csrf={{csrf}}
< 403

> POST /pb/processes
> Content-Type: application/x-www-form-urlencoded
>
> government=0101&title=Presupuesto+Participativo+2091&year=2091&ceiling=S%2F+900%2C000.00&method=approval&rule=greedy&max_choices=2&first_day=2091-01-07&csrf={{csrf}}
< 303
< capture p Location: /pb/processes/

> POST /pb/processes
> Content-Type: application/x-www-form-urlencoded
>
> government=0101&title=Otro&year=2091&ceiling=1&method=approval&rule=greedy&first_day=2091-01-07&csrf={{csrf}}
< 409
< contains ya tiene un presupuesto participativo para 2091

> GET /pb/processes/{{p}}?created=1
< 200
< contains El proceso está abierto
< contains Presupuesto Participativo 2091
< contains 2091-01-07

> GET /pb/processes/{{p}}/manage
< 200
< contains Guardar la configuración
< contains value="900000.00"
< capture csrf name="csrf" value="
< capture sreg id="step-registration" data-step="
< capture swork id="step-workshops" data-step="

> POST /pb/processes/{{p}}
> Content-Type: application/x-www-form-urlencoded
>
> title=Presupuesto+Participativo+2091&ceiling=abc&method=approval&rule=greedy&max_choices=2&csrf={{csrf}}
< 400
< contains debe ser un monto

> POST /pb/processes/{{p}}
> Content-Type: application/x-www-form-urlencoded
>
> title=Presupuesto+Participativo+2091&description=Con+las+juntas+vecinales&ceiling=1%2C000%2C000&method=approval&rule=greedy&max_choices=2&csrf={{csrf}}
< 303
< header Location: /pb/processes/{{p}}/manage#settings

# the calendar
> POST /pb/processes/{{p}}/steps/{{sreg}}
> Content-Type: application/x-www-form-urlencoded
>
> first_day=2091-02-10&last_day=2091-02-01&title=&csrf={{csrf}}
< 400
< contains El último día de una etapa no puede ser anterior a su primer día

> POST /pb/processes/{{p}}/steps/{{sreg}}
> Content-Type: application/x-www-form-urlencoded
>
> first_day=2091-02-1&last_day=2091-02-01&csrf={{csrf}}
< 400
< contains Indique el primer y el último día

> POST /pb/processes/{{p}}/steps/{{sreg}}
> Content-Type: application/x-www-form-urlencoded
>
> first_day=2091-01-21&last_day=2091-02-10&title=En+la+Casa+de+la+Juventud&csrf={{csrf}}
< 303

> POST /pb/processes/{{p}}/steps/999999
> Content-Type: application/x-www-form-urlencoded
>
> first_day=2091-01-21&last_day=2091-02-10&csrf={{csrf}}
< 404

> POST /pb/processes/{{p}}/steps/{{sreg}}/close
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

> POST /pb/processes/{{p}}/steps/{{sreg}}/close
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 409
< contains ya está cerrada

> POST /pb/processes/{{p}}/steps/{{sreg}}/open
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303
< header Location: /pb/processes/{{p}}/manage#calendar

> POST /pb/processes/{{p}}/steps/{{sreg}}/open
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 409
< contains ya está abierta

> GET /pb/processes/{{p}}
< 200
< contains id="open-step">Inscripción de agentes participantes</strong>

# zones and caps
> POST /pb/processes/{{p}}/zones
> Content-Type: application/x-www-form-urlencoded
>
> name=Cercado&territory=010101&budget=1200000&csrf={{csrf}}
< 400
< contains más que el techo de S/ 1,000,000.00

> POST /pb/processes/{{p}}/zones
> Content-Type: application/x-www-form-urlencoded
>
> name=Lima&territory=150101&budget=1&csrf={{csrf}}
< 400
< contains está fuera del territorio

> POST /pb/processes/{{p}}/zones
> Content-Type: application/x-www-form-urlencoded
>
> name=Huancas&territory=010108&budget=100&csrf={{csrf}}
< 303

> GET /pb/processes/{{p}}/manage
< 200
< capture zrm action="/pb/processes/{{p}}/zones/
< capture csrf name="csrf" value="

> POST /pb/processes/{{p}}/zones/{{zrm}}
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

> POST /pb/processes/{{p}}/zones
> Content-Type: application/x-www-form-urlencoded
>
> name=Cercado+de+Chachapoyas&territory=010101&budget=600000&csrf={{csrf}}
< 303
< header Location: /pb/processes/{{p}}/manage#zones

> POST /pb/processes/{{p}}/caps
> Content-Type: application/x-www-form-urlencoded
>
> category=transport&amount=2000000&csrf={{csrf}}
< 400
< contains no puede superar el techo

> POST /pb/processes/{{p}}/caps
> Content-Type: application/x-www-form-urlencoded
>
> category=lottery&amount=1&csrf={{csrf}}
< 400

> POST /pb/processes/{{p}}/caps
> Content-Type: application/x-www-form-urlencoded
>
> category=transport&amount=400000&csrf={{csrf}}
< 303

# the matrix: weights that do not total 100, a bad scale, a bad number
> POST /pb/processes/{{p}}/criteria
> Content-Type: application/x-www-form-urlencoded
>
> name=Pobreza&kind=poverty&weight=40&scale_min=0&scale_max=1&scale_text=&name=Brecha&kind=committee&weight=55&scale_min=0&scale_max=4&scale_text=0+a+4&name=&kind=committee&weight=&scale_min=0&scale_max=4&scale_text=&csrf={{csrf}}
< 400
< contains Los pesos suman 95; deben sumar 100

> POST /pb/processes/{{p}}/criteria
> Content-Type: application/x-www-form-urlencoded
>
> name=Pobreza&kind=poverty&weight=40&scale_min=0&scale_max=1&scale_text=&name=Brecha&kind=committee&weight=60&scale_min=4&scale_max=4&scale_text=&csrf={{csrf}}
< 400
< contains Criterio &quot;Brecha&quot;: la escala va de un número entero menor a uno mayor

> POST /pb/processes/{{p}}/criteria
> Content-Type: application/x-www-form-urlencoded
>
> name=Pobreza&kind=poverty&weight=cuarenta&scale_min=0&scale_max=1&scale_text=&csrf={{csrf}}
< 400
< contains debe ser un número entero

> POST /pb/processes/{{p}}/criteria
> Content-Type: application/x-www-form-urlencoded
>
> name=Pobreza&kind=poverty&weight=30&scale_min=0&scale_max=1&scale_text=&name=Pobreza+extrema&kind=poverty&weight=70&scale_min=0&scale_max=1&scale_text=&csrf={{csrf}}
< 400
< contains ya está en la matriz

> POST /pb/processes/{{p}}/criteria
> Content-Type: application/x-www-form-urlencoded
>
> name=Pobreza+del+distrito&kind=poverty&weight=30&scale_min=0&scale_max=1&scale_text=INEI&name=Articulaci%C3%B3n+con+el+PDC&kind=alignment&weight=20&scale_min=0&scale_max=1&scale_text=&name=Brecha+de+cobertura&kind=committee&weight=50&scale_min=0&scale_max=4&scale_text=0%3A+sin+brecha%3B+4%3A+sin+servicio&csrf={{csrf}}
< 303
< header Location: /pb/processes/{{p}}/manage#criteria

> GET /pb/processes/{{p}}/matrix
< 200
< contains Brecha de cobertura
< contains 0: sin brecha; 4: sin servicio

# the committee
> POST /pb/processes/{{p}}/committee
> Content-Type: application/x-www-form-urlencoded
>
> email=nadie%40demo.minka.pe&csrf={{csrf}}
< 400
< contains Ninguna cuenta tiene el correo nadie@demo.minka.pe

> POST /pb/processes/{{p}}/committee
> Content-Type: application/x-www-form-urlencoded
>
> email=dirigenta.pp%40demo.minka.pe&csrf={{csrf}}
< 400
< contains no puede calificar en Municipalidad Provincial de Chachapoyas

> POST /pb/processes/{{p}}/committee
> Content-Type: application/x-www-form-urlencoded
>
> email=equipo.pp%40demo.minka.pe&csrf={{csrf}}
< 303
< header Location: /pb/processes/{{p}}/manage#committee

> POST /pb/processes/{{p}}/committee
> Content-Type: application/x-www-form-urlencoded
>
> email=equipo.pp%40demo.minka.pe&csrf={{csrf}}
< 409
< contains ya es miembro del comité

> POST /pb/processes/{{p}}/committee
> Content-Type: application/x-www-form-urlencoded
>
> email=admin%40demo.minka.pe&csrf={{csrf}}
< 303

> GET /pb/processes/{{p}}/manage
< 200
< contains Administración minka
< capture crm Administración minka <form class="inline" method="post" action="/pb/processes/{{p}}/committee/
< capture csrf name="csrf" value="

> POST /pb/processes/{{p}}/committee/{{crm}}
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

> POST /pb/processes/{{p}}/committee/999999/remove
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 404

> GET /pb/processes/{{p}}/manage
< 200
< contains Equipo PP
< !contains Administración minka
< contains Ninguna en espera.
< contains Calcular y publicar los resultados

# the districts' proposals of provincial impact are taken in during the workshops or the coordination
> POST /pb/processes/{{p}}/intake
> Content-Type: application/x-www-form-urlencoded
>
> proposal=1&csrf={{csrf}}
< 409
< contains Esto se hace durante la etapa &quot;Talleres y presentación de propuestas&quot;

# the demo process belongs to the same government: the team manages it too
> GET /pb/processes/1/manage
< 200

> POST /pb/processes/{{p}}/results
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 409
< contains Los resultados se calculan cuando termina la etapa &quot;Votación ciudadana&quot;
