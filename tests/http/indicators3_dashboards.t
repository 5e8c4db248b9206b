# The live dashboards (a government; a province over its districts; a region
# over its provinces), as server-side SVG with titles and descriptions and the
# same figures in tables; the quarterly report as a print view, PDF and XLSX;
# programmes; and the installation's thresholds, which change every status.
> GET /monitoring
< 200
< contains Seguimiento — Chachapoyas
< contains <svg class="chart lights"
< contains role="img"
< contains <title id="lights-
< contains Semáforo por eje
< contains EJE2 Calidad de vida y servicios básicos
< contains <svg class="chart attainment"
< contains Logro de cada indicador
< contains ANEMIA-6-35
< contains <svg class="chart progress"
< contains Pistas y veredas del jirón Libertad
< contains Intensificar la suplementación con hierro
< contains Los distritos de Chachapoyas
< contains Huancas
< contains Población total (habitantes, 2023)

# the region over its seven provinces, with MINAM's series added up per province
> GET /monitoring?territory=01
< 200
< contains Las provincias de Amazonas
< contains <a href="/monitoring?territory=0102">Bagua</a>
< contains Residuos inorgánicos valorizados respecto de los generados
< contains Todo el territorio
< contains <svg class="chart" viewBox

> GET /monitoring?territory=010108
< 200
< contains Municipalidad Distrital de Huancas
< contains ALFARERAS-FERIA
< !contains Los distritos de

> GET /monitoring?territory=999999
< 404

> GET /monitoring?territory=abc
< 400

# the quarterly report: indicators, status, feedback, finance summary
# (decisions appear from the quarter in which they were taken)
> GET /monitoring/report?government=0101&quarter=2026-Q3
< 200
< contains Reporte de seguimiento 2026-Q3
< contains Del 2026-07-01 al 2026-09-30
< contains ANEMIA-6-35
< contains Intensificar la suplementación con hierro
< contains Consejo de Coordinación Local Provincial, sesión ordinaria
< contains Campaña casa por casa con promotoras ambientales
< contains Canon y sobrecanon
< contains Avance físico y financiero
< contains Mujeres 42.0
< contains quarter=2026-Q2
< contains quarter=2026-Q4

> GET /monitoring/report?government=0101&quarter=2026-Q5
< 400
< contains no es un trimestre

> GET /monitoring/report?government=0101&quarter=2026
< 400

> GET /monitoring/report?government=999999&quarter=2026-Q2
< 404

> GET /monitoring/report.pdf?government=0101&quarter=2026-Q2
< 200
< header Content-Type: application/pdf
< header Content-Disposition: attachment; filename="seguimiento-0101-2026-Q2.pdf"
< contains %PDF-1.

> GET /monitoring/report.xlsx?government=0101&quarter=2026-Q2
< 200
< header Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
< header Content-Disposition: attachment; filename="seguimiento-0101-2026-Q2.xlsx"
< contains PK

> GET /monitoring/report.pdf?government=0101&quarter=Q2
< 400

# programmes
> GET /programmes/1
< 200
< contains Programa de segregación en la fuente y recolección selectiva de residuos sólidos
< contains PP0036-VALORIZ

> GET /programmes/999999
< 404

# the thresholds: the administrator's (installation-wide)
> GET /monitoring/settings
< 303
< header Location: /login?next=%2Fmonitoring%2Fsettings

> GET /login
< 200
< capture csrf name="csrf" value="

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=seguimiento%40demo.minka.pe&password=clave-de-seguimiento&csrf={{csrf}}
< 303

# a planner of the province may not change them
> GET /monitoring/settings
< 403

> GET /indicators?government=0101
< 200
< capture csrf name="csrf" value="

> POST /programmes
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&government=0101&code=PP-0068&name=Reducci%C3%B3n+de+la+vulnerabilidad+ante+desastres&start_year=2027&end_year=2026
< 400
< contains Los años de un programa van de 1990 a 2100, el primero no posterior al último
< contains value="PP-0068"

> POST /programmes
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&government=0101&code=PP-0068&name=Reducci%C3%B3n+de+la+vulnerabilidad+ante+desastres&start_year=2026&end_year=2027
< 303
< capture prog Location: /programmes/

> POST /programmes
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&government=0101&code=PP-0068&name=Otro&start_year=2026&end_year=2027
< 409
< contains El código PP-0068 ya lo usa otro programa de este gobierno

> GET /programmes/{{prog}}
< 200
< contains Reducción de la vulnerabilidad ante desastres
< contains Este programa todavía no tiene indicadores.
< contains href="/indicators/new?programme={{prog}}"

> GET /indicators/new?programme={{prog}}
< 200
< contains PP-0068 Reducción de la vulnerabilidad ante desastres

> POST /programmes
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&government=010108&code=X&name=Y&start_year=2026&end_year=2027
< 403

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
> email=admin%40demo.minka.pe&password=minka-demo-2026&csrf={{csrf}}
< 303

> GET /monitoring/settings
< 200
< contains value="90.00"
< contains value="60.00"
< contains value="30"
< capture csrf name="csrf" value="

> POST /monitoring/settings
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&on_track=50&at_risk=60&grace_days=30
< 400
< contains Los umbrales deben cumplir 0 % &lt; en riesgo &lt; en curso normal &lt;= 100 %
< contains value="50"

> POST /monitoring/settings
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&on_track=noventa&at_risk=60
< 400
< contains debe ser un porcentaje

# Kuélap's 55 % is off track under the defaults, at risk from 50 %
> GET /indicators/5
< 200
< contains <span class="st st-off_track" id="status">Crítico</span>

> POST /monitoring/settings
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&on_track=85&at_risk=50&grace_days=45
< 303
< header Location: /monitoring/settings?saved=1

> GET /monitoring/settings?saved=1
< 200
< contains Se guardaron los umbrales.
< contains value="85.00"

> GET /indicators/5
< 200
< contains <span class="st st-at_risk" id="status">En riesgo</span>

> POST /monitoring/settings
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&on_track=90&at_risk=60&grace_days=30
< 303
