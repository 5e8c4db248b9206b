# The API: indicators of a territory (the real MINAM series imported for the
# region, and the municipality's own), one indicator with its series and
# feedback, its measurements with their cells, the dashboard and the report.
> GET /api/v1/indicators?territory=01&series=minam.pob_total&limit=1
< 200
< contains "total":84
< contains "limit":1
< contains "series":"minam.pob_total"

> GET /api/v1/indicators?territory=010101&series=minam.tasa_valorizacion
< 200
< contains "total":1
< contains "code":"MINAM-TVR"
< contains "baseline":{"scaled":142,"text":"1.42"}
< contains "period":"2023"
< contains "text":"0.33"
< capture rate "href":"/indicators/

> GET /api/v1/indicators/{{rate}}/measurements
< 200
< contains "total":5
< contains "period":"2019"
< contains "origin":"formula"
< contains "status":"approved"

> GET /api/v1/indicators?territory=010108&series=minam.pob_total
< 200
< contains "government":"010108"
< capture pop "href":"/indicators/

> GET /api/v1/indicators/{{pop}}/measurements
< 200
< contains "period":"2023","total_given":true,"sum_mismatch":false
< contains "category":"urban"
< contains "category":"rural"

> GET /api/v1/indicators?territory=0101&status=off_track
< 200
< contains ANEMIA-6-35
< contains KUELAP-VISITAS
< !contains AGUA-CLORADA

> GET /api/v1/indicators?government=0101&q=anemia
< 200
< contains "total":1
< contains "attainment_bp":2576

> GET /api/v1/indicators?limit=0
< 400
< contains "code":"invalid"

> GET /api/v1/indicators?territory=ab
< 400

> GET /api/v1/indicators/2
< 200
< contains "code":"ANEMIA-6-35"
< contains "direction":"decrease"
< contains "dimensions":["sex"]
< contains "series":[
< contains "feedback":[
< contains "expected":{"scaled":380,"text":"38.0","kind":"trajectory"}
< contains "about":{"kind":"element"

> GET /api/v1/indicators/999999
< 404
< contains "code":"not_found"

> GET /api/v1/indicators/999999/measurements
< 404

> GET /api/v1/indicators/2/measurements
< 200
< contains "period":"2026-Q2"
< contains "text":"42.9"
< contains "category":"female"

> GET /api/v1/monitoring?territory=01
< 200
< contains "areas":{
< contains "level":"province"
< contains "code":"minam.residuos_generados"

> GET /api/v1/monitoring?territory=0101
< 200
< contains "plans":[
< contains "projects":[
< contains "feedback":[

> GET /api/v1/monitoring/report?government=0101&quarter=2026-Q3
< 200
< contains "quarter":"2026-Q3"
< contains KUELAP-VISITAS
< contains "finance":{

> GET /api/v1/monitoring/report?government=0101&quarter=x
< 400
