# Financial execution: entries (planned, approved, transferred, committed,
# disbursed, expenditure) per project and source, refused when negative, not a
# number, from an unknown source or for a project that is not programmed; a
# mistaken entry is voided, never deleted; the execution table by source as in
# seed 002 section IV, and the bars of physical against financial progress.
> GET /execution
< 200
< contains <h1>Ejecución financiera — Municipalidad Provincial de Chachapoyas</h1>
< contains Canon y sobrecanon
< contains 1,100,000.00
< contains 980,000.00
< contains 420,000.00
< contains 89.09 %
< contains 38.18 %
< contains TOTAL PEN
< contains <svg class="chart progress"
< contains Pistas y veredas del jirón Libertad, cuadras 8 a 12

> GET /execution?year=1999
< 400

> GET /execution?year=2099
< 200
< contains 0.00 %

> GET /execution?government=999999
< 404

> GET /api/v1/execution
< 200
< contains "rows":[
< contains "transferred_cents":110000000
< contains "committed_bp":8909
< contains "disbursed_bp":3818
< contains "financial_progress_bp"

# the team records money
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
> name=Equipo+T%C3%A9cnico+5&email=equipo5%40demo.minka.pe&role=planner&territory=0101&password=clave-del-equipo-5&csrf={{csrf}}
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
> email=equipo5%40demo.minka.pe&password=clave-del-equipo-5&csrf={{csrf}}
< 303

# project 2 (the jirón Libertad) is in execution; canon is source 3
> GET /projects/2
< 200
< contains <h3>En el plan de inversiones</h3>
< contains Aporte de la comunidad (faenas)</td><td class="num">S/ 100,000.00</td>
< contains action="/projects/2/finance"
< contains <option value="3">Canon y sobrecanon (PEN)</option>
< capture csrf name="csrf" value="

> POST /projects/2/finance
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&source=3&kind=disbursed&amount=-100&date=2026-04-01&document_ref=CP-0050
< 400
< contains &quot;Monto&quot; no puede ser negativo

> POST /projects/2/finance
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&source=3&kind=disbursed&amount=cien&date=2026-04-01&document_ref=CP-0050
< 400
< contains &quot;Monto&quot; debe ser un monto como 1234.56

> POST /projects/2/finance
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&source=3&kind=disbursed&amount=100&date=01/04/2026&document_ref=CP-0050
< 400
< contains date

> POST /projects/2/finance
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&source=3&kind=refund&amount=100&date=2026-04-01&document_ref=CP-0050
< 400

> POST /projects/2/finance
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&source=99999&kind=disbursed&amount=100&date=2026-04-01&document_ref=CP-0050
< 400
< contains No hay fuente de financiamiento con número 99999

> POST /projects/2/finance
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&source=3&kind=disbursed&amount=100&date=2026-04-01
< 400
< contains documento de sustento

> POST /projects/2/finance
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&source=3&kind=disbursed&amount=150%2C000.25&date=2026-04-01&document_ref=Comprobante+de+pago+0050-2026
< 303
< header Location: /projects/2#finance

> GET /projects/2
< 200
< contains S/ 150,000.25
< contains 570,000.25
< contains Comprobante de pago 0050-2026
< capture entry_void action="/finance/entries/

# money only for programmed projects (project 3, the market of Huancas, is prioritized)
> POST /projects/3/finance
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&source=1&kind=committed&amount=100&date=2026-04-01&document_ref=OS-1
< 409
< contains El dinero se registra en proyectos programados, en ejecución o concluidos

# voiding the newest entry: kept and marked, out of every total
> POST /finance/entries/{{entry_void}}
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&reason=
< 400
< contains Indique el motivo

> POST /finance/entries/{{entry_void}}
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&reason=Duplicado+del+comprobante
< 303

> GET /projects/2
< 200
< contains <tr class="voided">
< contains Anulado: Duplicado del comprobante
< contains 420,000.00

> POST /finance/entries/99999/void
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&reason=x
< 404

# a vigilance committee member reads, does not record
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
> email=vigilancia%40demo.minka.pe&password=minka-demo-2026&csrf={{csrf}}
< 303

> GET /projects/2
< 200
< !contains action="/projects/2/finance"
< capture csrf name="csrf" value="

> POST /projects/2/finance
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&source=3&kind=disbursed&amount=1&date=2026-04-01&document_ref=x
< 403
