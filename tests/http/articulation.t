# The articulation report of the demo province for 2026: plans in force, how
# each objective of its PDC is served (the PDI and, through it, the POI; its
# districts), what serves nothing, its districts side by side; no project or
# budget figures until the project bank is connected (never zeros made up). The
# same figures as XLSX and JSON. A district's and a region's reports.
> GET /articulation
< 200
< contains Articulación de los planes <span class="muted">Municipalidad Provincial de Chachapoyas · 2026</span>
< contains Sus distritos, lado a lado
< contains Municipalidad Distrital de Huancas
< contains OEI5
< contains Los proyectos y las partidas presupuestales aún no están conectados
< contains ningún plan vigente
< contains (100.0 %)
< contains (50.0 %)
< contains class="gap"
< !contains S/ 0.00

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
# the measured water indicator hangs on that element and is not counted twice
< contains "institutional":2,"inner":1,"indicators":2,"projects":null,"budget":null
< contains "projects_connected":false
< contains "sources":[{"name":"Indicadores","kinds":"indicator"}]
< contains "level":"district"
< contains "summary":{"plans":3,"elements":31,"unaligned":1,"objectives":6,"objectives_served":4}

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
< contains Projects and budget lines are not connected yet

