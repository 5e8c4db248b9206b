# The municipal team evaluates an initiative: the lifecycle refuses the moves
# it does not allow (with a precise message, nothing written), asks for the
# reason where one is due, and keeps who/when/why; the team edits the record,
# forms the project committee and attaches documents (references and uploaded
# files, multipart/form-data with its own size cap).
# a planner of the province of its own (other files change the demo accounts)
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
> name=Equipo+T%C3%A9cnico+3&email=equipo3%40demo.minka.pe&role=planner&territory=0101&password=clave-del-equipo-3&csrf={{csrf}}
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
> email=equipo3%40demo.minka.pe&password=clave-del-equipo-3&csrf={{csrf}}
< 303

# project 5 is the demo's "Losa deportiva multiuso en Pencapampa", received
> GET /projects/5
< 200
< contains Losa deportiva multiuso en Pencapampa
< contains action="/projects/5/transition"
< contains <option value="under_evaluation">En evaluación</option>
< capture csrf name="csrf" value="

> POST /projects/5/transition
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&to=viable&reason=apurados
< 409
< contains Un proyecto no puede pasar de &quot;Recibido&quot; a &quot;Viable&quot;
< contains s-received

> POST /projects/5/transition
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&to=archived
< 400

> POST /projects/5/transition
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&to=under_evaluation
< 303
< header Location: /projects/5#lifecycle

> POST /projects/5/transition
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&to=not_viable&reason=
< 400
< contains Indique el motivo de esta decisión (&quot;No viable&quot;)

> POST /projects/5/transition
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&to=viable&reason=Terreno+saneado%2C+ficha+t%C3%A9cnica+conforme
< 303

> POST /projects/5/transition
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&to=programmed
< 409
< contains a través del plan de inversiones

> GET /projects/5
< 200
< contains <span class="status s-viable" id="status">Viable</span>
< contains Recibido → <strong>En evaluación</strong> · Equipo Técnico 3
< contains Terreno saneado, ficha técnica conforme
< contains project.transition

# the edit form, with its values; a bad amount keeps what was typed
> GET /projects/5/edit
< 200
< contains value="Losa deportiva multiuso en Pencapampa"
< contains value="310000.00"

> POST /projects/5
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&title=Losa+deportiva+multiuso+en+Pencapampa&territory=010101&proposer=Club+Deportivo+Pencapampa&sector=culture_sport&estimated_cost=310000&updated_cost=diez
< 400
< contains &quot;Costo actualizado&quot; debe ser un monto

> POST /projects/5
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&title=Losa+deportiva+multiuso+en+Pencapampa&territory=010101&proposer=Club+Deportivo+Pencapampa&sector=culture_sport&estimated_cost=310000&updated_cost=328,450.10&cui=2699001&responsible_office=Gerencia+de+Infraestructura
< 303
< header Location: /projects/5

> GET /projects/5
< 200
< contains CUI 2699001
< contains S/ 328,450.10

# physical progress is for projects being executed
> POST /projects/5/progress
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&progress=10
< 409
< contains El avance físico se registra

> POST /projects/2/progress
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&progress=ciento
< 400
< contains entre 0 y 100

> POST /projects/2/progress
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&progress=40.5
< 303

> GET /projects/2
< 200
< contains 40.5 %

# the project committee
> POST /projects/5/members
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&name=Ruth+Mas+Tafur&role=president&organization=Club+Deportivo+Pencapampa
< 303

> POST /projects/5/members
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&name=Juan&role=mayor
< 400

> GET /projects/5
< 200
< contains Ruth Mas Tafur — Presidente, Club Deportivo Pencapampa
< capture member_remove action="/projects/5/members/

> POST /projects/5/members/{{member_remove}}
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

> GET /projects/5
< 200
< !contains Ruth Mas Tafur
< contains Aún no hay comité.

# documents: a reference, an uploaded PDF, a refused kind of file
> POST /projects/5/documents
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&title=Acta+de+priorizaci%C3%B3n&reference=Acta+012-2026-CCLP
< 303
< header Location: /projects/5#documents

> POST /projects/5/documents
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&title=Nada
< 400
< contains Adjunte un archivo o indique una referencia

! crlf
> POST /projects/5/documents
> Content-Type: multipart/form-data; boundary=----minkaXyZ
>
> ------minkaXyZ
> Content-Disposition: form-data; name="csrf"
>
> {{csrf}}
> ------minkaXyZ
> Content-Disposition: form-data; name="title"
>
> Perfil técnico
> ------minkaXyZ
> Content-Disposition: form-data; name="file"; filename="perfil losa.pdf"
> Content-Type: application/pdf
>
> %PDF-1.4
> 1 0 obj << /Type /Catalog >> endobj
> %%EOF
> ------minkaXyZ
> Content-Disposition: form-data; name="reference"
>
>
> ------minkaXyZ--
< 303

! crlf
> POST /projects/5/documents
> Content-Type: multipart/form-data; boundary=b1
>
> --b1
> Content-Disposition: form-data; name="csrf"
>
> {{csrf}}
> --b1
> Content-Disposition: form-data; name="title"
>
> Programa
> --b1
> Content-Disposition: form-data; name="file"; filename="instalar.exe"
> Content-Type: application/octet-stream
>
> MZ this is not a document
> --b1--
< 400
< contains No se acepta este tipo de archivo

# a multipart body without its CSRF token, and a malformed one
! crlf
> POST /projects/5/documents
> Content-Type: multipart/form-data; boundary=b1
>
> --b1
> Content-Disposition: form-data; name="title"
>
> Programa
> --b1--
< 403

! crlf
> POST /projects/5/documents
> Content-Type: multipart/form-data; boundary=b1
>
> --b1
> Content-Disposition: form-data; name="csrf"
>
> {{csrf}}
> --b1
< 400
< contains El formulario enviado está mal formado

# over the upload cap (5 MiB and the form): refused before reading; other
# forms keep the server's 1 MiB
! body-size 6000000
> POST /projects/5/documents
< 413
< contains 5308416

! body-size 2000000
> POST /projects/5/members
< 413
< contains 1048576

> GET /projects/5
< 200
< contains Acta de priorización: Acta 012-2026-CCLP
< contains perfil losa.pdf
< capture doc <a href="/projects/5/documents/

> GET /projects/5/documents/{{doc}}
< 200
< header Content-Type: application/pdf
< header Content-Disposition: attachment; filename="perfil losa.pdf"
< contains %PDF-1.4
< contains %%EOF

> POST /projects/5/documents/{{doc}}/remove
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

> GET /projects/5/documents/{{doc}}
< 404

# a council member reads but does not manage
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

> GET /projects/5
< 200
< !contains action="/projects/5/transition"
< capture csrf name="csrf" value="

> POST /projects/5/transition
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&to=discarded&reason=no
< 403

> GET /projects/5/edit
< 403
