# The articulation report of the demo province for 2026: plans in force, how
# each objective of its PDC is served (the PDI and, through it, the POI; its
# districts; the projects of the bank and the lines of the year's investment
# plan), the share of the budget per axis adding up to 100 %, what serves
# nothing and what traces to no objective, its districts side by side. The same
# figures as XLSX and JSON. A district's and a region's reports.
> GET /articulation
< 200
< contains Articulación de los planes <span class="muted">Municipalidad Provincial de Chachapoyas · 2026</span>
< contains Sus distritos, lado a lado
< contains Municipalidad Distrital de Huancas
< contains OEI5
< !contains Los proyectos y las partidas presupuestales aún no están conectados
< contains ningún plan vigente
< contains (100.0 %)
< contains (50.0 %)
< contains class="gap"
< contains Participación del presupuesto por eje estratégico
< contains <span class="code">EJE2</span> Calidad de vida y servicios básicos</td><td class="num">S/ 485,000.00</td><td class="num">28.78</td>
< contains <span class="code">EJE5</span> Integración territorial y conectividad</td><td class="num">S/ 1,200,000.00</td><td class="num">71.22</td>
< contains <th scope="row">Total</th><td class="num">S/ 1,685,000.00</td><td class="num">100.00</td>
# the demo's initiatives of the year (five) and the three new projects the
# signed acta of the completed participatory budget put in the bank
# (demo_pb.c), each linked to the objective its proposal served
< contains Proyectos del año: 8 · sin llegar a ningún objetivo: 1
< contains <a href="/projects/5">Losa deportiva multiuso en Pencapampa</a>
< contains Proyectos que llegan al PDC
< !contains Mejoramiento del servicio de agua potable en el barrio Higos Urco</a> <span class="muted">proyecto

> GET /articulation?territory=010101&year=2026
< 200
< contains Municipalidad Provincial de Chachapoyas · 2026

> GET /articulation?territory=010108&year=2026
< 200
< contains Municipalidad Distrital de Huancas · 2026
< contains Todos los elementos de estos planes sirven a un plan superior
< !contains lado a lado

> GET /articulation?territory=01&year=2026
< 200
< contains Sus provincias, lado a lado
< contains Municipalidad Provincial de Chachapoyas

> GET /articulation?territory=0101&year=2040
< 200
< contains Este gobierno no tiene ningún plan vigente ese año

> GET /articulation?year=1800
< 400

> GET /articulation?territory=999999
< 404

> GET /articulation/xlsx?territory=0101&year=2026
< 200
< header Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
< header Content-Disposition: attachment; filename="articulacion-0101-2026.xlsx"
< contains PK

> GET /api/v1/articulation?territory=0101&year=2026
< 200
< contains "year":2026
< contains "code":"OE3","kind":"objective"
# OE3 counts its indicator element and the PDI's measured segregation indicator (through OEI1);
# the measured water indicator hangs on that element and is not counted twice; its
# projects: Higos Urco's water and Taquia's (prioritized in the participatory budget)
< contains "institutional":2,"inner":1,"indicators":2,"projects":2,"budget":48500000
< contains "code":"OE7","kind":"objective","title":"Mejorar la conectividad vial
< contains "projects":1,"budget":120000000,"served":true
< contains "code":"OE4","kind":"objective"
< contains "projects":0,"budget":0,"served":false
< contains "projects_connected":true,"budget_connected":true
< contains "sources":[{"name":"Banco de proyectos","kinds":"project"},{"name":"Plan de inversiones","kinds":"budget_line"},{"name":"Indicadores","kinds":"indicator"}]
< contains "code":"EJE5","kind":"axis","title":"Integración territorial y conectividad","plan_id":1,"plan":"PDC 2022-2030 (Municipalidad Provincial de Chachapoyas)","budget":120000000,"share_pct":71.22,"share_bp":7122
< contains "budget":{"total":168500000,"no_axis":0,"no_axis_share":{"share_pct":0.0,"share_bp":0},"untraced":0,"untraced_share":{"share_pct":0.0,"share_bp":0}}
< contains "untraced_items":[{"kind":"project","id":5,"code":"BP-000005","title":"Losa deportiva multiuso en Pencapampa","href":"/projects/5","government":"0101","element_ids":[],"budget":null}]
< contains "level":"district"
< contains "summary":{"plans":3,"elements":33,"unaligned":1,"objectives":7,"objectives_served":6,"projects":8,"projects_untraced":1}
< contains "budget_by_axis":[{"axis":"EJE1","budget":0,"share_pct":null,"share_bp":null}

> GET /api/v1/articulation?territory=0101&year=2026
< 200
< header X-Minka-Cache: hit

> GET /api/v1/articulation?territory=abc
< 400
< contains "code":"invalid"

> GET /api/v1/articulation?territory=010108
< 200
< contains "inner":null
< contains "unaligned":[]

> GET /articulation?territory=0101&year=2026&lang=en
< 200
< contains Articulation of the plans
< contains Its districts side by side
< contains Share of the budget per strategic axis
< contains Projects of the year: 8 · tracing to no objective: 1
< !contains Projects and budget lines are not connected yet

