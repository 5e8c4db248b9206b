# Indicators, defined by the municipal team: the list is public; defining one
# needs indicator.write on its government. Every mistake shows the form again
# with a precise message and what was typed, and writes nothing.
> GET /indicators
< 200
< contains Indicadores — Municipalidad Provincial de Chachapoyas
< contains AGUA-CLORADA
< contains Prevalencia de anemia en niñas y niños de 6 a 35 meses
< contains st-off_track
< !contains Nuevo indicador

> GET /indicators?status=off_track
< 200
< contains ANEMIA-6-35
< contains KUELAP-VISITAS
< !contains AGUA-CLORADA

> GET /indicators?status=late
< 400

> GET /indicators?government=010108
< 200
< contains ALFARERAS-FERIA
< !contains ANEMIA-6-35

> GET /indicators/new
< 303
< header Location: /login?next=%2Findicators%2Fnew

# the administrator gives the monitoring team an account of its own
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
> name=Equipo+de+Seguimiento&email=seguimiento%40demo.minka.pe&role=planner&territory=0101&password=clave-de-seguimiento&csrf={{csrf}}
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
> email=seguimiento%40demo.minka.pe&password=clave-de-seguimiento&csrf={{csrf}}
< 303

# element 16 is OE6 of the province's PDC (participation)
> GET /indicators/new?element=16
< 200
< contains OE6 Fortalecer la participación ciudadana
< contains name="dimension" value="sex"
< contains name="dimension" value="ethnicity"
< contains <option value="quarter" selected>Trimestral</option>
< capture csrf name="csrf" value="

> GET /indicators/new?element=999999
< 400

# a name is required
> POST /indicators
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&subject=element&element=16&government=0101&name=&unit=number&direction=increase&frequency=quarter&start_period=2026-Q1&end_period=2026-Q4
< 400
< contains El campo &quot;Nombre&quot; es obligatorio

# a final target below the baseline of an indicator that should increase
> POST /indicators
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&subject=element&element=16&government=0101&name=Personas+en+las+mesas+de+concertaci%C3%B3n&unit=number&direction=increase&frequency=quarter&start_period=2026-Q1&end_period=2026-Q4&baseline=120&baseline_date=2025-12-31&final_target=100
< 400
< contains la meta final (100) no puede estar por debajo de la línea de base (120)
< contains value="Personas en las mesas de concertación"
< contains value="120"

# a period of another frequency, a value that is not a number, an unknown disaggregation
> POST /indicators
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&subject=element&element=16&government=0101&name=Personas&unit=number&direction=increase&frequency=quarter&start_period=2026&end_period=2026-Q4
< 400
< contains &quot;Primer periodo&quot; debe ser un periodo de la frecuencia del indicador, como 2026-Q2 (no &quot;2026&quot;)

> POST /indicators
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&subject=element&element=16&government=0101&name=Personas&unit=number&direction=increase&frequency=quarter&start_period=2026-Q1&end_period=2026-Q4&baseline=ciento
< 400
< contains &quot;Línea de base&quot; debe ser un número como 1234.5 o 1,234.5 (no &quot;ciento&quot;)

> POST /indicators
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&subject=element&element=16&government=0101&name=Personas&unit=number&direction=increase&frequency=quarter&start_period=2026-Q1&end_period=2026-Q4&dimension=religion
< 400
< contains Desagregación desconocida &quot;religion&quot;

> GET /indicators?q=mesas+de+concertacion
< 200
< contains Ningún indicador coincide

# and right: quarterly, by sex and indigenous status
> POST /indicators
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&subject=element&element=16&government=0101&code=OE6-MESAS&name=Personas+en+las+mesas+de+concertaci%C3%B3n&definition=Personas+distintas+en+las+listas+de+asistencia&unit=number&unit_label=personas&direction=increase&frequency=quarter&start_period=2026-Q1&end_period=2026-Q4&baseline=0&baseline_date=2025-12-31&baseline_source=Listas+2025&final_target=200&weight=2&responsible_office=Gerencia+de+Planeamiento&data_source=Listas+de+asistencia&verification=Listas+firmadas&dimension=sex&dimension=ethnicity
< 303
< capture ind Location: /indicators/

> GET /indicators/{{ind}}
< 200
< contains Personas en las mesas de concertación
< contains OE6-MESAS
< contains <span class="st st-no_data" id="status">Sin datos</span>
< contains Se reporta por: Sexo. Condición indígena.
< contains name="cell_key" value="sex.female"
< contains name="cell_key" value="ethnicity.non_indigenous"
< contains OE6 Fortalecer la participación ciudadana
< contains indicator.create
< capture csrf name="csrf" value="

# the same code twice for one government
> POST /indicators
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&subject=element&element=16&government=0101&code=OE6-MESAS&name=Otro&unit=number&direction=increase&frequency=year&start_period=2026&end_period=2027
< 409
< contains El código OE6-MESAS ya lo usa otro indicador de este gobierno

# the element now lists what traces to it
> GET /plans/1/elements/16
< 200
< contains Personas en las mesas de concertación

# edit: the form shows what is stored
> GET /indicators/{{ind}}/edit
< 200
< contains value="Personas en las mesas de concertación"
< contains value="0"
< contains value="200"
< contains name="dimension" value="sex" checked

> POST /indicators/{{ind}}
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&name=Personas+en+las+mesas+de+concertaci%C3%B3n+provinciales&unit=number&direction=increase&frequency=quarter&start_period=2026-Q1&end_period=2026-Q2&final_target=x
< 400
< contains &quot;Meta final&quot; debe ser un número

> POST /indicators/{{ind}}
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&code=OE6-MESAS&name=Personas+en+las+mesas+de+concertaci%C3%B3n+provinciales&unit=number&unit_label=personas&direction=increase&frequency=quarter&start_period=2026-Q1&end_period=2026-Q4&baseline=0&baseline_date=2025-12-31&final_target=200&dimension=sex&dimension=ethnicity
< 303
< header Location: /indicators/

# targets per quarter: inside the range, numbers, not finer than quarterly
> POST /indicators/{{ind}}/targets
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&period=2027-Q1&value=40
< 400
< contains El periodo 2027-Q1 está fuera del rango del indicador (2026-Q1 a 2026-Q4)

> POST /indicators/{{ind}}/targets
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&period=2026-02&value=40
< 400
< contains al menos tan largo como el del indicador

> POST /indicators/{{ind}}/targets
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&period=2026-Q1&value=cuarenta
< 400
< contains &quot;Meta&quot; debe ser un número

> POST /indicators/{{ind}}/targets
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&period=2026-Q1&value=40
< 303
< header Location: /indicators/

> POST /indicators/{{ind}}/targets
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&period=2026-Q2&value=90
< 303

> GET /indicators/{{ind}}
< 200
< contains Personas en las mesas de concertación provinciales
< contains <strong>2026-Q1</strong>: 40
< contains <strong>2026-Q2</strong>: 90
< contains indicator.target

# an indicator of a project, and one of another government: refused
> GET /indicators/new?project=2
< 200
< contains BP-000002 Pistas y veredas del jirón Libertad

> GET /indicators/new?government=010108
< 403

> GET /indicators/new?element=25
< 403
