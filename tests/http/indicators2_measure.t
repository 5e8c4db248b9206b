# Measurements: per period and per disaggregation cell, with evidence, through
# draft → submitted → returned → submitted → approved, with who and when. Bad
# input (a period outside the range, a cell the indicator does not declare, a
# value that is not a number, a body over the upload cap) is refused with a
# precise message and nothing is written.
> GET /login
< 200
< capture csrf name="csrf" value="

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=seguimiento%40demo.minka.pe&password=clave-de-seguimiento&csrf={{csrf}}
< 303

> GET /indicators?q=mesas+de+concertacion
< 200
< capture ind <a href="/indicators/

> GET /indicators/{{ind}}
< 200
< capture csrf name="csrf" value="

> POST /indicators/{{ind}}/measurements
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&period=2027-Q1&value=10
< 400
< contains El periodo 2027-Q1 está fuera del rango del indicador (2026-Q1 a 2026-Q4)

> POST /indicators/{{ind}}/measurements
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&period=2026-05&value=10
< 400
< contains Este indicador tiene frecuencia Trimestral: indique un periodo como 2026-Q2 (no 2026-05)

> POST /indicators/{{ind}}/measurements
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&period=2026-Q1&value=10&cell_key=age_group.15_29&cell_value=4
< 400
< contains Este indicador no se desagrega por Grupo de edad

> POST /indicators/{{ind}}/measurements
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&period=2026-Q1&value=doce
< 400
< contains &quot;Valor&quot; debe ser un número como 1234.5 o 1,234.5 (no &quot;doce&quot;)
< contains value="doce"

> POST /indicators/{{ind}}/measurements
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&period=2026-Q1&cell_key=sex.female&cell_value=muchas&cell_key=sex.male&cell_value=10
< 400
< contains &quot;Mujeres (Sexo)&quot; debe ser un número

> POST /indicators/{{ind}}/measurements
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&period=2026-Q1&cell_key=sex.female&cell_value=12
< 400
< contains Indique el total, o un valor para cada categoría de una desagregación

# over the upload cap (5 MiB of evidence and the form): refused before reading
! body-size 6000000
> POST /indicators/{{ind}}/measurements
< 413
< contains 5308416

# nothing of that was written
> GET /indicators/{{ind}}
< 200
< contains Todavía no hay mediciones.
< capture csrf name="csrf" value="

# the first quarter, by sex and indigenous status, with a document as evidence;
# the total is the sum of the sexes
! crlf
> POST /indicators/{{ind}}/measurements
> Content-Type: multipart/form-data; boundary=----minkaInd
>
> ------minkaInd
> Content-Disposition: form-data; name="csrf"
>
> {{csrf}}
> ------minkaInd
> Content-Disposition: form-data; name="period"
>
> 2026-Q1
> ------minkaInd
> Content-Disposition: form-data; name="value"
>
>
> ------minkaInd
> Content-Disposition: form-data; name="cell_key"
>
> sex.female
> ------minkaInd
> Content-Disposition: form-data; name="cell_value"
>
> 26
> ------minkaInd
> Content-Disposition: form-data; name="cell_key"
>
> sex.male
> ------minkaInd
> Content-Disposition: form-data; name="cell_value"
>
> 21
> ------minkaInd
> Content-Disposition: form-data; name="cell_key"
>
> ethnicity.indigenous
> ------minkaInd
> Content-Disposition: form-data; name="cell_value"
>
> 9
> ------minkaInd
> Content-Disposition: form-data; name="cell_key"
>
> ethnicity.non_indigenous
> ------minkaInd
> Content-Disposition: form-data; name="cell_value"
>
> 38
> ------minkaInd
> Content-Disposition: form-data; name="comment"
>
> Dos sesiones de la mesa de concertación
> ------minkaInd
> Content-Disposition: form-data; name="file"; filename="asistencia marzo.pdf"
> Content-Type: application/pdf
>
> %PDF-1.4
> 1 0 obj << /Type /Catalog >> endobj
> %%EOF
> ------minkaInd--
< 303
< capture m1 /measurements/

> GET /indicators/{{ind}}/measurements/{{m1}}
< 200
< contains <span class="status s-draft" id="status">Borrador</span>
< contains <dd id="value">47</dd>
< contains <td>Mujeres</td><td class="num">26</td>
< contains <td>Indígenas</td><td class="num">9</td>
< contains asistencia marzo.pdf
< contains Dos sesiones de la mesa de concertación
< contains measurement.create
< capture file /files/
< capture csrf name="csrf" value="

> GET /indicators/{{ind}}/measurements/{{m1}}/files/{{file}}
< 200
< header Content-Type: application/pdf
< header Content-Disposition: attachment; filename="asistencia marzo.pdf"
< contains %PDF-1.4

> GET /indicators/1/measurements/{{m1}}
< 404

> GET /indicators/{{ind}}/measurements/{{m1}}/files/999999
< 404

# a second quarter whose total does not add up: kept, and flagged
> POST /indicators/{{ind}}/measurements
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&period=2026-Q2&value=1301&cell_key=sex.female&cell_value=600&cell_key=sex.male&cell_value=700&evidence_ref=Acta+007-2026
< 303
< capture m2 /measurements/

> GET /indicators/{{ind}}/measurements/{{m2}}
< 200
< contains Los valores desagregados no suman el total
< contains Referencia: Acta 007-2026

# submitted for review; then frozen for the team
> POST /indicators/{{ind}}/measurements/{{m1}}/submit
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

> POST /indicators/{{ind}}/measurements/{{m1}}/submit
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 409
< contains Una medición no puede pasar de &quot;Enviado&quot; a &quot;Enviado&quot;

> POST /indicators/{{ind}}/measurements
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&period=2026-Q1&value=50
< 409
< contains La medición de 2026-Q1 está Enviado: ya no puede cambiar

# a citizen cannot review it
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
> email=vecina%40demo.minka.pe&password=minka-demo-2026&csrf={{csrf}}
< 303

> GET /indicators/{{ind}}/measurements/{{m1}}
< 200
< !contains action="/indicators/{{ind}}/measurements/{{m1}}/approve"
< capture csrf name="csrf" value="

> POST /indicators/{{ind}}/measurements/{{m1}}/approve
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 403

> POST /indicators/{{ind}}/measurements
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&period=2026-Q3&value=5
< 403

> POST /logout
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

# the administrator returns it (a reason is due), the team corrects it, it is approved
> GET /login
< 200
< capture csrf name="csrf" value="

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=admin%40demo.minka.pe&password=minka-demo-2026&csrf={{csrf}}
< 303

> GET /indicators/{{ind}}/measurements/{{m1}}
< 200
< contains Devolver para corrección
< capture csrf name="csrf" value="

> POST /indicators/{{ind}}/measurements/{{m1}}/return
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&reason=
< 400
< contains Indique por qué se devuelve la medición

> POST /indicators/{{ind}}/measurements/{{m1}}/return
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&reason=Falta+la+lista+de+Levanto
< 303

> POST /indicators/{{ind}}/measurements/{{m1}}/approve
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 409

> POST /indicators/{{ind}}/measurements/{{m1}}/evidence
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 400
< contains Adjunte un archivo o indique una referencia

> POST /indicators/{{ind}}/measurements/{{m1}}/evidence
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&reference=Lista+de+asistencia+de+Levanto
< 303

# a scanned list as a file, a file of a kind not accepted, and a body over the cap
! crlf
> POST /indicators/{{ind}}/measurements/{{m1}}/evidence
> Content-Type: multipart/form-data; boundary=b2
>
> --b2
> Content-Disposition: form-data; name="csrf"
>
> {{csrf}}
> --b2
> Content-Disposition: form-data; name="file"; filename="lista levanto.csv"
> Content-Type: text/csv
>
> nombre,sexo
> Rosa,F
> --b2--
< 303

! crlf
> POST /indicators/{{ind}}/measurements/{{m1}}/evidence
> Content-Type: multipart/form-data; boundary=b2
>
> --b2
> Content-Disposition: form-data; name="csrf"
>
> {{csrf}}
> --b2
> Content-Disposition: form-data; name="file"; filename="programa.exe"
> Content-Type: application/octet-stream
>
> MZ this is not a document
> --b2--
< 400
< contains No se acepta este tipo de archivo

! body-size 6000000
> POST /indicators/{{ind}}/measurements/{{m1}}/evidence
< 413
< contains 5308416

> POST /indicators/{{ind}}/measurements
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&period=2026-Q1&cell_key=sex.female&cell_value=29&cell_key=sex.male&cell_value=23
< 303

> POST /indicators/{{ind}}/measurements/{{m1}}/submit
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

> POST /indicators/{{ind}}/measurements/{{m1}}/approve
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&note=Conforme
< 303

> GET /indicators/{{ind}}/measurements/{{m1}}
< 200
< contains <span class="status s-approved" id="status">Aprobado</span>
< contains <dd id="value">52</dd>
< contains Enviado → <strong>Devuelto</strong> · Administración minka
< contains Falta la lista de Levanto
< contains Devuelto → <strong>Enviado</strong>
< contains Enviado → <strong>Aprobado</strong> · Administración minka
< contains Lista de asistencia de Levanto
< contains lista levanto.csv
< contains measurement.evidence
< contains measurement.approve

> POST /indicators/{{ind}}/measurements/{{m1}}/evidence
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&reference=Otra
< 409
< contains ya no puede cambiar

# the status: 52 people by the end of March against a target of 40
> GET /indicators/{{ind}}
< 200
< contains <span class="st st-on_track" id="status">En curso normal</span>
< contains <dd id="attainment">130.00 %</dd>
< contains <svg class="chart target-actual"
< contains <title id="series-t">

# feedback: a decision with who, what and by when
> POST /indicators/{{ind}}/feedback
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&period=2026-Q1&decision=Convocar+a+las+comunidades+de+las+partes+altas&decided_by=Consejo+de+Coordinaci%C3%B3n+Local&decided_on=2026-04-15&responsible=Gerencia+de+Planeamiento&due_on=2026-03-31
< 400
< contains El plazo (2026-03-31) es anterior a la decisión (2026-04-15)
< contains Convocar a las comunidades de las partes altas

> POST /indicators/{{ind}}/feedback
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&period=2027-Q1&decision=X&decided_by=Y&decided_on=2026-04-15&responsible=Z&due_on=2026-06-30
< 400
< contains fuera del rango del indicador

> POST /indicators/{{ind}}/feedback
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&period=2026-Q1&finding=Pocas+personas+de+las+partes+altas&decision=Convocar+a+las+comunidades+de+las+partes+altas&decided_by=Consejo+de+Coordinaci%C3%B3n+Local&decided_on=2026-04-15&responsible=Gerencia+de+Planeamiento&due_on=2026-06-30
< 303
< header Location: /indicators/

> GET /indicators/{{ind}}
< 200
< contains Convocar a las comunidades de las partes altas
< contains Pocas personas de las partes altas
# (the capture reads "N/done": it stops at quotes and spaces, not at slashes)
< capture fbdone /feedback/
< capture csrf name="csrf" value="

> POST /indicators/{{ind}}/feedback/{{fbdone}}
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&done_on=2026-06-20&note=Tres+asambleas
< 303

> POST /indicators/{{ind}}/feedback/{{fbdone}}
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&done_on=2026-06-20
< 409
< contains ya está marcada como cumplida

> POST /indicators/1/feedback/{{fbdone}}
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&done_on=2026-06-20
< 404

> GET /indicators/{{ind}}
< 200
< contains cumplida el 2026-06-20: Tres asambleas
