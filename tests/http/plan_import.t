# Importing plans through the web: a minka JSON file (its alignment found in
# this installation; refused when the target plan is missing unless told to
# leave it out; refused as a duplicate), and a spreadsheet in CSV with the
# column-mapping step: an unknown column is named with its line and column,
# mapped to "ignore", previewed, then imported. Bad rows write nothing.
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
> name=Planificadora+de+prueba&email=plan.import%40muni.gob.pe&role=planner&territory=0101&password=clave-de-prueba-2026&csrf={{csrf}}
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
> email=plan.import%40muni.gob.pe&password=clave-de-prueba-2026&csrf={{csrf}}
< 303

> GET /plans/import?territory=0101
< 200
< contains Importar un plan
< capture csrf name="csrf" value="

> POST /plans/import
> Content-Type: application/x-www-form-urlencoded
>
> territory=0101&format=json&text=%7Bno+es+json&csrf={{csrf}}
< 400
< contains JSON no válido

> POST /plans/import
> Content-Type: application/x-www-form-urlencoded
>
> territory=0101&format=json&text=&csrf={{csrf}}
< 400
< contains Pegue el plan

> POST /plans/import
> Content-Type: application/x-www-form-urlencoded
>
> territory=0101&format=json&text=%7B%22format%22%3A+%22minka.plan%22%2C+%22format_version%22%3A+1%2C+%22government%22%3A+%220101%22%2C+%22instrument%22%3A+%22pdi%22%2C+%22instrument_name%22%3A+%22%22%2C+%22horizon%22%3A+%22medium%22%2C+%22title%22%3A+%22PDI+que+apunta+a+un+plan+ausente%22%2C+%22start_year%22%3A+2027%2C+%22end_year%22%3A+2030%2C+%22status%22%3A+%22draft%22%2C+%22version%22%3A+1%2C+%22approval%22%3A+null%2C+%22vision%22%3A+%22%22%2C+%22mission%22%3A+%22Servir+mejor.%22%2C+%22participants%22%3A+%22%22%2C+%22levels%22%3A+%22objective%3AOEI+action%3AAEI%22%2C+%22elements%22%3A+%5B%7B%22code%22%3A+%22OEI1%22%2C+%22auto_code%22%3A+true%2C+%22kind%22%3A+%22objective%22%2C+%22title%22%3A+%22Agua+para+todos%22%2C+%22description%22%3A+%22%22%2C+%22office%22%3A+%22ATM%22%2C+%22aligns_to%22%3A+%5B%7B%22government%22%3A+%220101%22%2C+%22instrument%22%3A+%22pdc%22%2C+%22start_year%22%3A+2011%2C+%22end_year%22%3A+2030%2C+%22plan%22%3A+%22Plan+de+Desarrollo+Local+Concertado+de+la+Provincia+de+Chachapoyas+al+2030%22%2C+%22code%22%3A+%22OE3%22%7D%5D%2C+%22children%22%3A+%5B%7B%22code%22%3A+%22AEI1.1%22%2C+%22auto_code%22%3A+true%2C+%22kind%22%3A+%22action%22%2C+%22title%22%3A+%22Cloraci%5Cu00f3n%22%2C+%22description%22%3A+%22%22%2C+%22office%22%3A+%22%22%2C+%22aligns_to%22%3A+%5B%5D%2C+%22children%22%3A+%5B%5D%7D%5D%7D%5D%7D&csrf={{csrf}}
< 400
< contains elements 1: se alinea con OE3 del pdc 2011-2030 de 0101, que no está en esta instalación

> GET /api/v1/plans?territory=0101
< 200
< !contains PDI que apunta a un plan ausente

> POST /plans/import
> Content-Type: application/x-www-form-urlencoded
>
> territory=0101&format=json&text=%7B%22format%22%3A+%22minka.plan%22%2C+%22format_version%22%3A+1%2C+%22government%22%3A+%220101%22%2C+%22instrument%22%3A+%22pdi%22%2C+%22instrument_name%22%3A+%22%22%2C+%22horizon%22%3A+%22medium%22%2C+%22title%22%3A+%22PDI+importado+por+HTTP%22%2C+%22start_year%22%3A+2027%2C+%22end_year%22%3A+2030%2C+%22status%22%3A+%22draft%22%2C+%22version%22%3A+1%2C+%22approval%22%3A+null%2C+%22vision%22%3A+%22%22%2C+%22mission%22%3A+%22Servir+mejor.%22%2C+%22participants%22%3A+%22%22%2C+%22levels%22%3A+%22objective%3AOEI+action%3AAEI%22%2C+%22elements%22%3A+%5B%7B%22code%22%3A+%22OEI1%22%2C+%22auto_code%22%3A+true%2C+%22kind%22%3A+%22objective%22%2C+%22title%22%3A+%22Agua+para+todos%22%2C+%22description%22%3A+%22%22%2C+%22office%22%3A+%22ATM%22%2C+%22aligns_to%22%3A+%5B%7B%22government%22%3A+%220101%22%2C+%22instrument%22%3A+%22pdc%22%2C+%22start_year%22%3A+2022%2C+%22end_year%22%3A+2030%2C+%22plan%22%3A+%22Plan+de+Desarrollo+Local+Concertado+de+la+Provincia+de+Chachapoyas+al+2030%22%2C+%22code%22%3A+%22OE3%22%7D%5D%2C+%22children%22%3A+%5B%7B%22code%22%3A+%22AEI1.1%22%2C+%22auto_code%22%3A+true%2C+%22kind%22%3A+%22action%22%2C+%22title%22%3A+%22Cloraci%5Cu00f3n%22%2C+%22description%22%3A+%22%22%2C+%22office%22%3A+%22%22%2C+%22aligns_to%22%3A+%5B%5D%2C+%22children%22%3A+%5B%5D%7D%5D%7D%5D%7D&csrf={{csrf}}
< 303
< capture pid Location: /plans/

> GET /plans/{{pid}}
< 200
< contains PDI importado por HTTP
< contains <span class="code">AEI1.1</span>
< contains → OE3

> POST /plans/import
> Content-Type: application/x-www-form-urlencoded
>
> territory=0101&format=json&text=%7B%22format%22%3A+%22minka.plan%22%2C+%22format_version%22%3A+1%2C+%22government%22%3A+%220101%22%2C+%22instrument%22%3A+%22pdi%22%2C+%22instrument_name%22%3A+%22%22%2C+%22horizon%22%3A+%22medium%22%2C+%22title%22%3A+%22PDI+importado+por+HTTP%22%2C+%22start_year%22%3A+2027%2C+%22end_year%22%3A+2030%2C+%22status%22%3A+%22draft%22%2C+%22version%22%3A+1%2C+%22approval%22%3A+null%2C+%22vision%22%3A+%22%22%2C+%22mission%22%3A+%22Servir+mejor.%22%2C+%22participants%22%3A+%22%22%2C+%22levels%22%3A+%22objective%3AOEI+action%3AAEI%22%2C+%22elements%22%3A+%5B%7B%22code%22%3A+%22OEI1%22%2C+%22auto_code%22%3A+true%2C+%22kind%22%3A+%22objective%22%2C+%22title%22%3A+%22Agua+para+todos%22%2C+%22description%22%3A+%22%22%2C+%22office%22%3A+%22ATM%22%2C+%22aligns_to%22%3A+%5B%7B%22government%22%3A+%220101%22%2C+%22instrument%22%3A+%22pdc%22%2C+%22start_year%22%3A+2022%2C+%22end_year%22%3A+2030%2C+%22plan%22%3A+%22Plan+de+Desarrollo+Local+Concertado+de+la+Provincia+de+Chachapoyas+al+2030%22%2C+%22code%22%3A+%22OE3%22%7D%5D%2C+%22children%22%3A+%5B%7B%22code%22%3A+%22AEI1.1%22%2C+%22auto_code%22%3A+true%2C+%22kind%22%3A+%22action%22%2C+%22title%22%3A+%22Cloraci%5Cu00f3n%22%2C+%22description%22%3A+%22%22%2C+%22office%22%3A+%22%22%2C+%22aligns_to%22%3A+%5B%5D%2C+%22children%22%3A+%5B%5D%7D%5D%7D%5D%7D&csrf={{csrf}}
< 409
< contains ya tiene un plan

> POST /plans/import
> Content-Type: application/x-www-form-urlencoded
>
> territory=0101&format=json&text=%7B%22format%22%3A+%22minka.plan%22%2C+%22format_version%22%3A+1%2C+%22government%22%3A+%220101%22%2C+%22instrument%22%3A+%22pdi%22%2C+%22instrument_name%22%3A+%22%22%2C+%22horizon%22%3A+%22medium%22%2C+%22title%22%3A+%22PDI+que+apunta+a+un+plan+ausente%22%2C+%22start_year%22%3A+2027%2C+%22end_year%22%3A+2030%2C+%22status%22%3A+%22draft%22%2C+%22version%22%3A+1%2C+%22approval%22%3A+null%2C+%22vision%22%3A+%22%22%2C+%22mission%22%3A+%22Servir+mejor.%22%2C+%22participants%22%3A+%22%22%2C+%22levels%22%3A+%22objective%3AOEI+action%3AAEI%22%2C+%22elements%22%3A+%5B%7B%22code%22%3A+%22OEI1%22%2C+%22auto_code%22%3A+true%2C+%22kind%22%3A+%22objective%22%2C+%22title%22%3A+%22Agua+para+todos%22%2C+%22description%22%3A+%22%22%2C+%22office%22%3A+%22ATM%22%2C+%22aligns_to%22%3A+%5B%7B%22government%22%3A+%220101%22%2C+%22instrument%22%3A+%22pdc%22%2C+%22start_year%22%3A+2011%2C+%22end_year%22%3A+2030%2C+%22plan%22%3A+%22Plan+de+Desarrollo+Local+Concertado+de+la+Provincia+de+Chachapoyas+al+2030%22%2C+%22code%22%3A+%22OE3%22%7D%5D%2C+%22children%22%3A+%5B%7B%22code%22%3A+%22AEI1.1%22%2C+%22auto_code%22%3A+true%2C+%22kind%22%3A+%22action%22%2C+%22title%22%3A+%22Cloraci%5Cu00f3n%22%2C+%22description%22%3A+%22%22%2C+%22office%22%3A+%22%22%2C+%22aligns_to%22%3A+%5B%5D%2C+%22children%22%3A+%5B%5D%7D%5D%7D%5D%7D&skip_missing=1&csrf={{csrf}}
< 303

> GET /plans/{{pid}}/json
< 200
< contains "title": "PDI importado por HTTP"
< contains "code": "OE3"

> POST /plans/import
> Content-Type: application/x-www-form-urlencoded
>
> territory=0101&format=csv&text=L%C3%ADnea+estrat%C3%A9gica%2CComponente%2CPrograma%2CProducto+%2F+Indicador%2CPresupuesto%0ADesarrollo+econ%C3%B3mico%2CTurismo%2CCircuito+Ku%C3%A9lap%2CVisitantes+atendidos+por+a%C3%B1o%2C100%0A%2C%2C%2CGu%C3%ADas+locales+capacitados%2C50%0A%2CAgro%2CCaf%C3%A9+de+altura%2CProductores+con+certificaci%C3%B3n%2C20%0A&instrument=custom&kind_name=Plan+de+turismo&horizon=medium&title=Plan+desde+la+hoja&start_year=2026&end_year=2028&csrf={{csrf}}
< 400
< contains línea 1, columna 5 (Presupuesto): columna desconocida
< contains name="map5"
< contains <option value="title:line" selected>

> POST /plans/import
> Content-Type: application/x-www-form-urlencoded
>
> territory=0101&format=csv&text=L%C3%ADnea+estrat%C3%A9gica%2CComponente%2CPrograma%2CProducto+%2F+Indicador%2CPresupuesto%0ADesarrollo+econ%C3%B3mico%2CTurismo%2CCircuito+Ku%C3%A9lap%2CVisitantes+atendidos+por+a%C3%B1o%2C100%0A%2C%2C%2CGu%C3%ADas+locales+capacitados%2C50%0A%2CAgro%2CCaf%C3%A9+de+altura%2CProductores+con+certificaci%C3%B3n%2C20%0A&instrument=custom&kind_name=Plan+de+turismo&horizon=medium&title=Plan+desde+la+hoja&start_year=2026&end_year=2028&map1=title%3Aline&map2=title%3Acomponent&map3=title%3Aprogram&map4=title%3Aproduct&map5=ignore&csrf={{csrf}}
< 200
< contains Lo que se importará
< contains (8 elementos)
< contains PRD1.1.1.2
< contains Importar el plan

> GET /api/v1/plans?territory=0101
< 200
< !contains Plan desde la hoja

> POST /plans/import
> Content-Type: application/x-www-form-urlencoded
>
> territory=0101&format=csv&text=L%C3%ADnea+estrat%C3%A9gica%2CComponente%2CPrograma%2CProducto+%2F+Indicador%2CPresupuesto%0ADesarrollo+econ%C3%B3mico%2CTurismo%2CCircuito+Ku%C3%A9lap%2CVisitantes+atendidos+por+a%C3%B1o%2C100%0A%2C%2C%2CGu%C3%ADas+locales+capacitados%2C50%0A%2CAgro%2CCaf%C3%A9+de+altura%2CProductores+con+certificaci%C3%B3n%2C20%0A&instrument=custom&kind_name=Plan+de+turismo&horizon=medium&title=Plan+desde+la+hoja&start_year=2026&end_year=2028&map1=title%3Aline&map2=title%3Acomponent&map3=title%3Aprogram&map4=title%3Aproduct&map5=ignore&confirm=1&csrf={{csrf}}
< 303
< capture pid2 Location: /plans/

> GET /plans/{{pid2}}
< 200
< contains Plan desde la hoja
< contains Plan de turismo
< contains <span class="code">LIN1</span>

> POST /plans/import
> Content-Type: application/x-www-form-urlencoded
>
> territory=0101&format=csv&text=Eje%2CObjetivo%0AA%2CB%0AC%2CD%2CE%0A&instrument=custom&kind_name=Plan+de+turismo&horizon=medium&title=Otra+hoja&start_year=2026&end_year=2028&csrf={{csrf}}
< 400
< contains línea 3: 3 campos, pero el encabezado tiene 2

> POST /plans/import
> Content-Type: application/x-www-form-urlencoded
>
> territory=0101&format=csv&text=Eje%2CObjetivo%0A%2CB%0A&instrument=custom&kind_name=Plan+de+turismo&horizon=medium&title=Otra+hoja&start_year=2026&end_year=2028&confirm=1&csrf={{csrf}}
< 400
< contains línea 2, columna 1 (Eje): vacía, y no hay una fila arriba que repetir

> GET /api/v1/plans?territory=0101
< 200
< contains Plan desde la hoja
< !contains Otra hoja

