> GET /api/v1/territories/010101
< 200
< contains "code":"010101"
< contains "population":41843
< contains "poverty_pct":9.03
< contains "government":{"code":"0101","kind":"provincial","name":"Municipalidad Provincial de Chachapoyas"}
< contains "ancestors":[{"code":"01","name":"Amazonas","level":"region"}

> GET /api/v1/territories/0101
< 200
< contains "children":21
< contains "level":"province"

> GET /api/v1/territories/99
< 404
< contains {"error":{"code":"not_found","message":"No existe un ámbito con el código 99"}}

> GET /api/v1/territories/99?lang=en
< 404
< contains "message":"No territory with code 99"
