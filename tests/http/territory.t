# Chachapoyas district: real population, poverty, and its government (the provincial
# municipality governs its capital district).
> GET /territories/010101
< 200
< contains <h1>Chachapoyas <span class="muted">Distrito · UBIGEO 010101</span></h1>
< contains 41,843
< contains 9.03 %
< contains 0.6424
< contains Municipalidad Provincial de Chachapoyas
< contains <a href="/territories/01">Amazonas</a>
< contains Pobreza monetaria comparada

# A province lists its districts with a poverty chart.
> GET /territories/0101
< 200
< contains Distritos (21)
< contains <a href="/territories/010102">Asunción</a>
< contains Pobreza monetaria por distrito

# A region lists its provinces.
> GET /territories/01
< 200
< contains Provincias (7)
< contains Censo 2017
< contains 379,384

# A district with its own municipality.
> GET /territories/010102
< 200
< contains Municipalidad Distrital de Asunción

> GET /territories/999999
< 404
< contains No existe un ámbito con el código 999999

> GET /territories/abc
< 404

> HEAD /territories/010101
< 200
< header Content-Type: text/html

# The second anonymous request for the same page is served from the cache.
> GET /territories/010102
< 200
< contains Asunción

> GET /territories/010102
< 200
< header X-Minka-Cache: hit
< contains Asunción
