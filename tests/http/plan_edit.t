# A planner of the province of Chachapoyas builds a plan through the forms:
# validation (form shown again with the message, nothing lost), elements added,
# edited, moved and deleted (refused while something sits under it), aligned to
# the province's PDC (refused toward a lower level, a shorter horizon, twice),
# approval with and without its act, a new version when the approved plan
# changes, comparison of versions, safe Markdown. Then other roles are refused.
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
> name=Planificadora+de+prueba&email=plan.edit%40muni.gob.pe&role=planner&territory=0101&password=clave-de-prueba-2026&csrf={{csrf}}
< 200
< contains Se creó la cuenta

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
> email=plan.edit%40muni.gob.pe&password=clave-de-prueba-2026&csrf={{csrf}}
< 303

> GET /plans/new?territory=0101
< 200
< contains Nuevo plan
< capture csrf name="csrf" value="

> POST /plans
> Content-Type: application/x-www-form-urlencoded
>
> territory=0101&instrument=pde&title=&start_year=2026&end_year=2029&vision=Texto+que+no+se+pierde&csrf={{csrf}}
< 400
< contains El plan necesita un título
< contains Texto que no se pierde

> POST /plans
> Content-Type: application/x-www-form-urlencoded
>
> territory=0101&instrument=pde&title=PDE+de+prueba&start_year=2029&end_year=2026&csrf={{csrf}}
< 400
< contains El último año (2026) es anterior al primero (2029)

> POST /plans
> Content-Type: application/x-www-form-urlencoded
>
> territory=0101&instrument=custom&title=PDE+de+prueba&start_year=2026&end_year=2029&csrf={{csrf}}
< 400
< contains Indique el nombre del instrumento

> POST /plans
> Content-Type: application/x-www-form-urlencoded
>
> territory=0101&instrument=pde&title=Plan+de+Desarrollo+Econ%C3%B3mico+HTTP&start_year=2026&end_year=2029&csrf={{csrf}}
< 303
< capture pid Location: /plans/

> POST /plans
> Content-Type: application/x-www-form-urlencoded
>
> territory=0101&instrument=pde&title=plan+de+desarrollo+economico+http&start_year=2026&end_year=2029&csrf={{csrf}}
< 409
< contains ya tiene un plan con ese instrumento

> GET /plans/{{pid}}
< 200
< contains Este plan aún no tiene elementos
< contains Registrar la aprobación
< contains borrador

> POST /plans/{{pid}}/approve
> Content-Type: application/x-www-form-urlencoded
>
> act_kind=ordinance&act_number=OM+1-2026&act_date=2026-01-10&csrf={{csrf}}
< 400
< contains No se puede aprobar un plan sin elementos

> GET /plans/{{pid}}/elements/new
< 200
< contains Nuevo elemento
< contains Objetivo (OE)

> POST /plans/{{pid}}/elements
> Content-Type: application/x-www-form-urlencoded
>
> kind=objective&title=Turismo+rural&csrf={{csrf}}
< 303
< capture eid1 Location: /plans/{{pid}}#e

> POST /plans/{{pid}}/elements
> Content-Type: application/x-www-form-urlencoded
>
> kind=program&parent={{eid1}}&title=Rutas+del+ca%C3%B1%C3%B3n&csrf={{csrf}}
< 303
< capture eid2 Location: /plans/{{pid}}#e

> POST /plans/{{pid}}/elements
> Content-Type: application/x-www-form-urlencoded
>
> kind=action&parent={{eid1}}&title=Se%C3%B1alizaci%C3%B3n&csrf={{csrf}}
< 303
< capture eid3 Location: /plans/{{pid}}#e

> POST /plans/{{pid}}/elements
> Content-Type: application/x-www-form-urlencoded
>
> kind=axis&title=Eje&csrf={{csrf}}
< 400
< contains Elija el tipo de elemento
< contains value="Eje"

> POST /plans/{{pid}}/elements
> Content-Type: application/x-www-form-urlencoded
>
> kind=objective&title=Caf%C3%A9&code=OE+9&csrf={{csrf}}
< 400
< contains sin espacios

> POST /plans/{{pid}}/elements
> Content-Type: application/x-www-form-urlencoded
>
> kind=objective&title=Caf%C3%A9&code=PX-1&csrf={{csrf}}
< 303

> POST /plans/{{pid}}/elements
> Content-Type: application/x-www-form-urlencoded
>
> kind=objective&title=Cacao&code=PX-1&csrf={{csrf}}
< 400
< contains Código repetido PX-1

> GET /plans/{{pid}}
< 200
< contains <span class="code">OE1</span>
< contains <span class="code">PRG1.1</span>
< contains <span class="code">AE1.1</span>
< contains <span class="code">PX-1</span>
< contains <details open>

> GET /plans/{{pid}}/elements/{{eid1}}
< 200
< contains Turismo rural
< contains Aún no se alinea
< contains debajo de él

> POST /plans/{{pid}}/elements/{{eid1}}
> Content-Type: application/x-www-form-urlencoded
>
> kind=objective&title=&csrf={{csrf}}
< 400
< contains El elemento necesita un título

> POST /plans/{{pid}}/elements/{{eid1}}
> Content-Type: application/x-www-form-urlencoded
>
> kind=objective&title=Turismo+rural+comunitario&office=Subgerencia+de+Turismo&csrf={{csrf}}
< 303

> POST /plans/{{pid}}/elements/{{eid1}}/move
> Content-Type: application/x-www-form-urlencoded
>
> direction=up&csrf={{csrf}}
< 400
< contains ya es el primero de su nivel

> POST /plans/{{pid}}/elements/{{eid1}}/move
> Content-Type: application/x-www-form-urlencoded
>
> parent={{eid2}}&csrf={{csrf}}
< 400
< contains dentro de sí mismo

> POST /plans/{{pid}}/elements/{{eid2}}/move
> Content-Type: application/x-www-form-urlencoded
>
> parent=0&position=1&csrf={{csrf}}
< 303

> GET /plans/{{pid}}
< 200
< contains <span class="code">PRG1</span>
< contains <span class="code">OE1</span>

> POST /plans/{{pid}}/elements/{{eid1}}/delete
> Content-Type: application/x-www-form-urlencoded
>
> &csrf={{csrf}}
< 409
< contains no se puede eliminar mientras otros registros dependan de él
< contains Señalización

> GET /plans/{{pid}}/elements/{{eid1}}/align?q=turismo
< 200
< contains Alinear con OE2
< contains Consolidar el turismo sostenible

> GET /plans/{{pid}}/elements/{{eid1}}/align?q=xyzzy
< 200
< contains Ningún elemento de un plan

> POST /plans/{{pid}}/elements/{{eid1}}/align
> Content-Type: application/x-www-form-urlencoded
>
> target=6&csrf={{csrf}}
< 303

> POST /plans/{{pid}}/elements/{{eid1}}/align
> Content-Type: application/x-www-form-urlencoded
>
> target=6&csrf={{csrf}}
< 409
< contains ya está alineado

> POST /plans/{{pid}}/elements/{{eid1}}/align
> Content-Type: application/x-www-form-urlencoded
>
> target=26&csrf={{csrf}}
< 400
< contains de un nivel inferior

> POST /plans/{{pid}}/elements/{{eid1}}/align
> Content-Type: application/x-www-form-urlencoded
>
> target=48&csrf={{csrf}}
< 400
< contains horizonte igual o más largo

> POST /plans/{{pid}}/elements/{{eid1}}/align
> Content-Type: application/x-www-form-urlencoded
>
> target=999999&csrf={{csrf}}
< 400
< contains no existe

> GET /plans/{{pid}}/elements/{{eid1}}
< 200
< contains Consolidar el turismo sostenible
< contains PDC 2022-2030 (Municipalidad Provincial de Chachapoyas)

> GET /plans/1/elements/6
< 200
< contains Turismo rural comunitario

> POST /plans/{{pid}}/elements/{{eid1}}/unalign
> Content-Type: application/x-www-form-urlencoded
>
> target=6&csrf={{csrf}}
< 303

> POST /plans/{{pid}}/elements/{{eid1}}/unalign
> Content-Type: application/x-www-form-urlencoded
>
> target=6&csrf={{csrf}}
< 404
< contains no está alineado con ese elemento

> POST /plans/{{pid}}/elements/{{eid1}}/align
> Content-Type: application/x-www-form-urlencoded
>
> target=6&csrf={{csrf}}
< 303

> POST /plans
> Content-Type: application/x-www-form-urlencoded
>
> territory=0101&instrument=capacity&title=Plan+de+capacidades+HTTP&start_year=2026&end_year=2029&csrf={{csrf}}
< 303
< capture cap Location: /plans/

> POST /plans/{{cap}}/elements
> Content-Type: application/x-www-form-urlencoded
>
> kind=objective&title=Gu%C3%ADas+formados&csrf={{csrf}}
< 303
< capture capo Location: /plans/{{cap}}#e

> POST /plans/{{pid}}/elements/{{eid1}}/align
> Content-Type: application/x-www-form-urlencoded
>
> target={{capo}}&csrf={{csrf}}
< 303

> POST /plans/{{cap}}/elements/{{capo}}/align
> Content-Type: application/x-www-form-urlencoded
>
> target={{eid1}}&csrf={{csrf}}
< 400
< contains cerraría un ciclo
< contains ya sirve a PDC
< contains Alinear con

> POST /plans/{{pid}}/elements/{{eid1}}/unalign
> Content-Type: application/x-www-form-urlencoded
>
> target={{capo}}&csrf={{csrf}}
< 303

> POST /plans/{{pid}}/approve
> Content-Type: application/x-www-form-urlencoded
>
> act_kind=ordinance&act_number=&act_date=2026-01-10&csrf={{csrf}}
< 400
< contains necesita el número

> POST /plans/{{pid}}/approve
> Content-Type: application/x-www-form-urlencoded
>
> act_kind=&act_number=OM+5-2026&act_date=2026-01-10&csrf={{csrf}}
< 400
< contains una ordenanza o un acuerdo de concejo

> POST /plans/{{pid}}/approve
> Content-Type: application/x-www-form-urlencoded
>
> act_kind=ordinance&act_number=OM+5-2026&act_date=&csrf={{csrf}}
< 400
< contains la fecha del acto

> POST /plans/{{pid}}/approve
> Content-Type: application/x-www-form-urlencoded
>
> act_kind=ordinance&act_number=OM+5-2026&act_date=2099-01-10&csrf={{csrf}}
< 400
< contains está en el futuro

> POST /plans/{{pid}}/approve
> Content-Type: application/x-www-form-urlencoded
>
> act_kind=agreement&act_number=AC+77-2026&act_date=2026-01-15&csrf={{csrf}}
< 303

> GET /plans/{{pid}}
< 200
< contains badge-approved
< contains AC 77-2026
< !contains Registrar la aprobación
< contains Versiones aprobadas

> POST /plans/{{pid}}/approve
> Content-Type: application/x-www-form-urlencoded
>
> act_kind=agreement&act_number=AC+78-2026&act_date=2026-01-15&csrf={{csrf}}
< 409
< contains ya está aprobada

> POST /plans/{{pid}}/elements/{{eid1}}
> Content-Type: application/x-www-form-urlencoded
>
> kind=objective&title=Turismo+rural+y+vivencial&csrf={{csrf}}
< 303

> GET /plans/{{pid}}
< 200
< contains badge-draft
< contains Versión 2
< contains comparar con la actual

> GET /plans/{{pid}}/versions/1
< 200
< contains Turismo rural comunitario
< contains AC 77-2026

> GET /plans/{{pid}}/diff?from=1
< 200
< contains modificado
< contains Turismo rural comunitario
< contains Turismo rural y vivencial

> GET /plans/{{pid}}/diff?from=7
< 404

> POST /plans/{{pid}}/renumber
> Content-Type: application/x-www-form-urlencoded
>
> &csrf={{csrf}}
< 303

> GET /plans/{{pid}}/edit
< 200
< contains Editar el plan
< contains Plan de Desarrollo Económico HTTP

> POST /plans/{{pid}}
> Content-Type: application/x-www-form-urlencoded
>
> territory=0101&instrument=pde&title=Plan+de+Desarrollo+Econ%C3%B3mico+HTTP&start_year=2026&end_year=2029&vision=Una+%2A%2Avisi%C3%B3n%2A%2A+%3Cscript%3Ealert%281%29%3C%2Fscript%3E+%5Benlace%5D%28javascript%3Aalert%282%29%29&csrf={{csrf}}
< 303

> GET /plans/{{pid}}
< 200
< contains <strong>visión</strong>
< !contains <script>alert
< !contains javascript:

> POST /plans/{{pid}}/elements/{{eid3}}/delete
> Content-Type: application/x-www-form-urlencoded
>
> &csrf={{csrf}}
< 303
< header Location: /plans/{{pid}}

> GET /plans/{{pid}}/elements/{{eid3}}
< 404

> GET /plans/{{pid}}/elements/1
< 404

> GET /api/v1/plans/{{pid}}
< 200
< contains "status":"draft"
< contains "version":2
< contains "code":"OE1"

> GET /plans/3/edit
< 403
< contains No tiene permiso para hacer esto aquí

> POST /plans/3/elements
> Content-Type: application/x-www-form-urlencoded
>
> kind=objective&title=x&csrf={{csrf}}
< 403

> GET /plans/{{pid}}
< 200
< contains plan.approve
< contains plan.new_version
< contains plan.align

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
> GET /plans/1
< 200
< capture csrf name="csrf" value="
< !contains Registrar la aprobación
< !contains Agregar un elemento

> GET /plans/new
< 403

> POST /plans/1/approve
> Content-Type: application/x-www-form-urlencoded
>
> act_kind=ordinance&act_number=x&act_date=2026-01-01&csrf={{csrf}}
< 403

> POST /plans/1/elements/2/delete
> Content-Type: application/x-www-form-urlencoded
>
> &csrf={{csrf}}
< 403

