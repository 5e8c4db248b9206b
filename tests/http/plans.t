# Reading plans, for anybody: the list per territory, the plan with its tree
# (collapsible, each element a link), an element with what it serves and what
# serves it, versions, the printable document and the exports (PDF with its
# fonts embedded, JSON, CSV), and the plan API. Bad addresses: 404 or 400.
> GET /plans
< 200
< contains <h1>Planes <span class="muted">Municipalidad Provincial de Chachapoyas</span></h1>
< contains Plan de Desarrollo Local Concertado de la Provincia de Chachapoyas al 2030
< contains Plan Operativo Institucional 2026
< contains href="/plans?territory=01"
< contains href="/plans?territory=010108"
< !contains Nuevo plan

> GET /plans?territory=010108
< 200
< contains Municipalidad Distrital de Huancas
< contains Ordenanza Municipal N.° 004-2022-MDH

> GET /plans?territory=010101
< 200
< contains Municipalidad Provincial de Chachapoyas

> GET /plans?territory=999999
< 404

> GET /plans?territory=abc
< 400

> GET /plans/1
< 200
< contains <details open><summary><span class="code">EJE1</span>
< contains <a href="/plans/1/elements/2">Fortalecer las cadenas productivas
< contains → OE1 <span class="small">PDC 2022-2030 (Gobierno Regional de Amazonas)</span>
< contains <strong>integrada, inclusiva y sostenible</strong>
< contains Ordenanza Municipal N.° 012-2022-MPCH
< contains Versiones aprobadas
< contains src="/static/plan.js"
< !contains <script>
< !contains Registrar la aprobación
< contains Historial de este registro

> GET /plans/1
< 200
< header X-Minka-Cache: hit

> GET /plans/999
< 404
< contains No existe el plan número 999

> GET /plans/abc
< 404

> GET /plans/1/elements/2
< 200
< contains A qué sirve
< contains Mejorar la competitividad de las cadenas productivas
< contains Promover el desarrollo económico local y el turismo
< contains Mejorar la producción agropecuaria familiar
< !contains Eliminar este elemento

> GET /plans/1/elements/30
< 404

> GET /plans/1/elements/999999
< 404

> GET /plans/5/elements/47
< 200
< contains Implementar la gestión del riesgo
< contains Aún no se alinea

> GET /plans/1/document
< 200
< contains class="doc-cover"
< contains Quiénes participaron
< contains Aprobaciones
< contains Sirve a OE1

> GET /plans/1/pdf
< 200
< header Content-Type: application/pdf
< header Content-Disposition: inline; filename="plan-1.pdf"
< contains %PDF-1.

> GET /plans/1/json
< 200
< header Content-Disposition: attachment; filename="plan-1.json"
< contains "format": "minka.plan"
< contains "code": "OE3"
< contains "aligns_to": [
< !contains "id":

> GET /plans/1/csv
< 200
< header Content-Type: text/csv
< contains Código Eje estratégico,Eje estratégico,Código Objetivo,Objetivo
< contains EJE1,Desarrollo económico local sostenible,OE1,

> GET /plans/999/pdf
< 404

> GET /plans/1/versions/1
< 200
< contains Esta es una versión guardada como registro
< contains <span class="code">OE6</span>

> GET /plans/1/versions/9
< 404
< contains no tiene una versión aprobada 9

> GET /plans/1/diff?from=1
< 200
< contains No hay diferencias

> GET /plans/1/diff?from=0
< 400

> GET /plans/6/versions/1
< 404

> GET /api/v1/plans
< 200
< contains "government":"010108"
< contains "label":"PDC 2022-2030 (Municipalidad Provincial de Chachapoyas)"
< !contains "vision"

> GET /api/v1/plans?territory=0101&instrument=pdi&status=approved
< 200
< contains "total":1
< contains "instrument":"pdi"

> GET /api/v1/plans?territory=0101&year=2028
< 200
< contains "title":"Plan de Desarrollo Local Concertado de la Provincia de Chachapoyas al 2030"
< !contains "title":"Plan Operativo Institucional 2026"

> GET /api/v1/plans?status=bogus
< 400
< contains {"error":{"code":"invalid"

> GET /api/v1/plans?territory=999999
< 404
< contains {"error":{"code":"not_found"

> GET /api/v1/plans/3
< 200
< contains "title":"Plan de Desarrollo Local Concertado del Distrito de Huancas 2022-2030"
< contains "elements":[
< contains "versions":[{"version":1,"status":"approved"

> GET /api/v1/plans/999
< 404
< contains "code":"not_found"

> GET /api/v1/plans/1/versions/1
< 200
< contains "format":"minka.plan"
< contains "id":2,

> GET /api/v1/plan-elements?q=ALFARERIA
< 200
< contains "total":2
< contains alfarería tradicional de Huancas
< contains Taller comunal de alfarería

> GET /api/v1/plan-elements?q=oe3&territory=010108&with_ancestors=1&kind=objective
< 200
< contains "total":3

> GET /api/v1/plan-elements?q=agua&plan=1
< 200
< contains "code":"OE3"

> GET /api/v1/plan-elements?kind=galaxy
< 400

> GET /api/v1/plan-elements/2
< 200
< contains "aligns_to":[{"id":18,"code":"OE1"
< contains "served_by":[{

> GET /api/v1/plan-elements/999999
< 404
< contains "code":"not_found"

> GET /plans/new
< 303
< header Location: /login?next=%2Fplans%2Fnew

> GET /plans/1/edit
< 303

> GET /plans/1/elements/2/align
< 303

> GET /login
< 200
< capture csrf name="csrf" value="

> POST /plans/1/approve
> Content-Type: application/x-www-form-urlencoded
>
> act_kind=ordinance&act_number=x&act_date=2026-01-01&csrf={{csrf}}
< 401

> POST /plans/1/elements/2/delete
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 401

> GET /plans/1/approve
< 405
