# A citizen submits an initiative through the open portfolio's form: it enters
# as "received". Every mistake shows the form again with a precise message and
# what was typed; nothing is written until it is right.
> GET /projects/new
< 303
< header Location: /login?next=%2Fprojects%2Fnew

> GET /login
< 200
< capture csrf name="csrf" value="

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=vecina%40demo.minka.pe&password=minka-demo-2026&csrf={{csrf}}
< 303

> GET /projects/new
< 200
< contains Presentar una iniciativa a la cartera abierta
< contains Municipalidad Provincial de Chachapoyas
< contains <option value="010108">Huancas (010108)</option>
< capture csrf name="csrf" value="

# a cost that is not an amount
> POST /projects
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&government=0101&title=Cerco+del+colegio+de+Taquia&territory=010101&proposer=APAFA&sector=education&estimated_cost=mucho
< 400
< contains &quot;Costo estimado&quot; debe ser un monto como 1234.56 o S/ 1,234.56 (no &quot;mucho&quot;)
< contains value="Cerco del colegio de Taquia"
< contains value="APAFA"

# a negative one
> POST /projects
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&government=0101&title=Cerco+del+colegio+de+Taquia&territory=010101&proposer=APAFA&sector=education&estimated_cost=-500
< 400
< contains no puede ser negativo

# a place outside the province, an unknown UBIGEO
> POST /projects
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&government=0101&title=Cerco+del+colegio&territory=020101&proposer=APAFA&sector=education
< 400
< contains está fuera del territorio de Municipalidad Provincial de Chachapoyas

> POST /projects
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&government=0101&title=Cerco+del+colegio&territory=019999&proposer=APAFA&sector=education
< 400
< contains Código UBIGEO desconocido &quot;019999&quot;

# more women than beneficiaries
> POST /projects
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&government=0101&title=Cerco+del+colegio&territory=010101&proposer=APAFA&sector=education&beneficiaries=10&beneficiaries_women=11
< 400
< contains suman más que el total

# a field that is not allowed, a missing one
> POST /projects
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&government=0101&title=X&territory=010101&proposer=APAFA&sector=mining
< 400

> POST /projects
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&government=0101&territory=010101&proposer=APAFA&sector=education
< 400
< contains title

# nothing of the above was written
> GET /projects?q=colegio
< 200
< contains Ningún proyecto coincide

# right: received, and the page says so
> POST /projects
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&government=0101&title=Cerco+perim%C3%A9trico+del+colegio+de+Taquia&description=Los+ni%C3%B1os+salen+a+la+carretera&territory=010101&proposer=APAFA+de+la+I.E.+18001&sector=education&estimated_cost=S%2F+96%2C500.50&beneficiaries=210&beneficiaries_women=110&beneficiaries_men=100
< 303
< header Location: /projects/
< capture pid Location: /projects/

> GET /projects/{{pid}}?submitted=1
< 200
< contains Su iniciativa fue recibida
< contains Cerco perimétrico del colegio de Taquia
< contains S/ 96,500.50
< contains <span class="status s-received" id="status">Recibido</span>
< contains Iniciativa recibida en la cartera abierta
< contains Carmen Tafur
< !contains action="/projects/{{pid}}/transition"

# a citizen cannot evaluate it
> POST /projects/{{pid}}/transition
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&to=under_evaluation
< 403

> GET /api/v1/projects/{{pid}}
< 200
< contains "status":"received"
< contains "estimated_cost_cents":9650050
< contains "origin":"initiative"
< contains "women":110
