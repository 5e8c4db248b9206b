# The portfolio: list, accent-insensitive search, filters, sorting, paging,
# CSV and XLSX export of the filtered list, and the map by district. The demo
# municipality has six initiatives of its own (src/domain/demo.c) and three more
# that the signed acta of its completed participatory budget brought to the bank
# (src/domain/demo_pb.c).
> GET /projects
< 200
< contains <h1>Banco de proyectos</h1>
< contains Mejoramiento del servicio de agua potable en el barrio Higos Urco
< contains Losa deportiva multiuso en Pencapampa
< contains S/ 1,200,000.00
< contains href="/projects.csv?"

# search: words, any accents, any case
> GET /projects?q=AGUA+POTABLE
< 200
< contains Higos Urco
< !contains Losa deportiva
< contains Proyectos 1–1 de 1

> GET /projects?q=reforestaci%C3%B3n+lev
< 200
< contains Reforestación de la microcuenca de Levanto

> GET /projects?q=zzzqqq
< 200
< contains Ningún proyecto coincide con estos filtros.

# filters
> GET /projects?status=received
< 200
< contains Losa deportiva
< !contains Higos Urco

> GET /projects?district=010108
< 200
< contains Creación del mercado de productores de Huancas
< !contains Higos Urco

> GET /projects?province=0101&sector=transport
< 200
< contains Pistas y veredas del jirón Libertad
< !contains Huancas

> GET /projects?source=canon
< 200
< contains Pistas y veredas
< !contains Higos Urco

> GET /projects?cost_min=500000&cost_max=900000
< 200
< contains Huancas
< contains Canal de riego
< !contains Pistas y veredas

> GET /projects?sort=cost_desc
< 200
< contains Proyectos 1–9 de 9

# bad filters: precise 400s
> GET /projects?status=archived
< 400
< contains status

> GET /projects?cost_min=-5
< 400
< contains cost_min

> GET /projects?cost_min=mucho
< 400
< contains debe ser un monto

> GET /projects?cost_min=900000&cost_max=1000
< 400
< contains El costo mínimo es mayor que el máximo

> GET /projects?district=01010A
< 400

# paging
> GET /projects?offset=5
< 200
< contains Proyectos 6–9 de 9
< contains Anterior

# exports of the filtered list
> GET /projects.csv?q=agua
< 200
< header Content-Type: text/csv
< header Content-Disposition: attachment; filename="proyectos.csv"
< contains Código,CUI,Título,Estado,Sector
< contains BP-000001,,Mejoramiento del servicio de agua potable en el barrio Higos Urco,Programado,Agua y saneamiento,010101,Chachapoyas
< contains ,PEN,485000.00,,320,
< !contains Losa deportiva

> GET /projects.xlsx?status=received
< 200
< header Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
< header Content-Disposition: filename="proyectos.xlsx"
< contains PK

> GET /projects.csv?status=bogus
< 400

# the map: server-side SVG of the province's districts
> GET /projects/map
< 200
< contains <svg class="map"
< contains data-code="010101"
< contains data-code="010108"
< contains Chachapoyas: 3 proyectos
< contains href="/projects?district=010108"
< contains Levanto
< !contains <script

> GET /projects/map?territory=01&sector=trade
< 200
< contains Mapa de proyectos — Amazonas
< contains data-code="010201"
< contains Huancas: 1 proyecto

> GET /projects/map?territory=9999
< 404

> GET /projects/map?territory=010101
< 400
