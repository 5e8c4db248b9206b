# The plan elements a project serves: the project page lists them; the team
# (project.manage) opens the picker, searches the elements of the plans the
# project may serve by code or words without accents, links and unlinks; each
# refusal says why and writes nothing; the element page lists the projects that
# serve it and the plan refuses to delete it; the project list, the API and the
# exports filter by element (following the thread: what serves the element's
# children and the elements aligned to it counts too), with a picker of
# elements on the list page; the articulation report counts the new link.
# Demo: project 1 is the water of Higos Urco (the province's, in 010101, serving
# the PDC's OE3 = element 9), 2 the street of jirón Libertad (OE7 = 54), 3 the
# producers' market (the province's, in Huancas), 5 the sports court (serves
# nothing). Element 5 is the PDC's indicator IND1.1, 16 its OE6, 30 Huancas' OE3,
# 40 the PDI's AEI1.2, 50 the POI's ACT1.2.

# anyone reads what a project serves; nobody but the team may change it
> GET /projects/1
< 200
< contains <h2 id="serves">Elementos de plan a los que sirve este proyecto</h2>
< contains <span class="code">OE3</span> <a href="/plans/1/elements/9">Ampliar el acceso a agua segura y saneamiento en los centros poblados rurales</a>
< contains PDC 2022-2030 (Municipalidad Provincial de Chachapoyas)
< !contains action="/projects/1/serves/9/remove"
< !contains href="/projects/1/serves"

> GET /projects/5
< 200
< contains Todavía no sirve a ningún elemento de los planes concertados o institucionales

> GET /api/v1/projects/1
< 200
< contains "serves":[{"id":9,"code":"OE3","kind":"objective","title":"Ampliar el acceso a agua segura y saneamiento en los centros poblados rurales","plan":{"id":1,"label":"PDC 2022-2030 (Municipalidad Provincial de Chachapoyas)"

> GET /projects/1/serves
< 303
< header Location: /login?next=%2Fprojects%2F1%2Fserves

> POST /projects/1/serves
> Content-Type: application/x-www-form-urlencoded
>
> element=16
< 401

# a planner of the province of its own (other files change the demo accounts)
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
> name=Equipo+T%C3%A9cnico+7&email=equipo7%40demo.minka.pe&role=planner&territory=0101&password=clave-del-equipo-7&csrf={{csrf}}
< 200

> POST /admin/users
> Content-Type: application/x-www-form-urlencoded
>
> name=Concejo+7&email=concejo7%40demo.minka.pe&role=council&territory=0101&password=clave-del-concejo-7&csrf={{csrf}}
< 200

> POST /logout
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

# a council member reads, and may not link
> GET /login
< 200
< capture csrf name="csrf" value="

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=concejo7%40demo.minka.pe&password=clave-del-concejo-7&csrf={{csrf}}
< 303

> GET /projects/1
< 200
< !contains href="/projects/1/serves"
< capture csrf name="csrf" value="

> GET /projects/1/serves
< 403

> POST /projects/1/serves
> Content-Type: application/x-www-form-urlencoded
>
> element=16&csrf={{csrf}}
< 403

> POST /projects/1/serves/9/remove
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
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
> email=equipo7%40demo.minka.pe&password=clave-del-equipo-7&csrf={{csrf}}
< 303

> GET /projects/1
< 200
< contains action="/projects/1/serves/9/remove"
< contains <a class="button secondary" href="/projects/1/serves">Elegir un elemento de plan al que sirve</a>

# the picker: by words without accents, by code; what it serves already is marked
> GET /projects/1/serves?q=participacion
< 200
< contains Elementos de plan a los que sirve este proyecto <span class="muted">BP-000001</span>
< contains <span class="code">OE6</span> Fortalecer la participación ciudadana
< contains <input type="hidden" name="element" value="16">
< capture csrf name="csrf" value="

> GET /projects/1/serves?q=OE3
< 200
< contains <span class="code">OE3</span> Ampliar el acceso a agua segura
< contains <strong>ya le sirve</strong>
< contains Gestionar de manera sostenible los recursos naturales y la diversidad biológica

# the plans of its government and the region's: not a district's, not an indicator
> GET /projects/1/serves?q=agua
< 200
< !contains Agua segura y saneamiento para todas las familias del distrito

> GET /projects/1/serves?q=IND
< 200
< !contains <span class="code">IND1.1</span>

> GET /projects/1/serves?q=kuelap
< 200
< contains Consolidar el turismo sostenible en torno a Kuélap

> GET /projects/999999/serves
< 404

> GET /projects/1/serves?q=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
< 400

# refusals, each with its reason, nothing written
> POST /projects/1/serves
> Content-Type: application/x-www-form-urlencoded
>
> element=5&q=IND&csrf={{csrf}}
< 400
< contains IND1.1 es un indicador: un proyecto sirve a un objetivo, una estrategia, una acción o un programa
< contains value="IND"

> POST /projects/1/serves
> Content-Type: application/x-www-form-urlencoded
>
> element=30&csrf={{csrf}}
< 400
< contains El proyecto BP-000001 no está ubicado en el territorio de Municipalidad Distrital de Huancas

> POST /projects/3/serves
> Content-Type: application/x-www-form-urlencoded
>
> element=30&csrf={{csrf}}
< 400
< contains El proyecto BP-000003 pertenece a Municipalidad Provincial de Chachapoyas: sirve a los planes de su propio gobierno y de los que lo contienen, no a OE3 de PDC 2022-2030 (Municipalidad Distrital de Huancas)

> POST /projects/1/serves
> Content-Type: application/x-www-form-urlencoded
>
> element=9&csrf={{csrf}}
< 409
< contains El proyecto BP-000001 ya sirve a OE3 de PDC 2022-2030 (Municipalidad Provincial de Chachapoyas)

> POST /projects/1/serves
> Content-Type: application/x-www-form-urlencoded
>
> element=99999999&csrf={{csrf}}
< 404
< contains No existe el elemento de plan 99999999

> POST /projects/1/serves
> Content-Type: application/x-www-form-urlencoded
>
> element=abc&csrf={{csrf}}
< 400

> POST /projects/1/serves
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 400

> POST /projects/1/serves
> Content-Type: application/x-www-form-urlencoded
>
> element=16
< 403

> GET /projects/1
< 200
< !contains <span class="code">OE6</span>

# linking: the project's page, the audit, the element page
> POST /projects/1/serves
> Content-Type: application/x-www-form-urlencoded
>
> element=16&csrf={{csrf}}
< 303
< header Location: /projects/1#serves

> POST /projects/5/serves
> Content-Type: application/x-www-form-urlencoded
>
> element=40&csrf={{csrf}}
< 303

> GET /projects/1
< 200
< contains <span class="code">OE6</span> <a href="/plans/1/elements/16">Fortalecer la participación ciudadana
< contains <code>project.serve</code>

> GET /plans/1/elements/16
< 200
< contains <h2 id="projects-h">Proyectos que le sirven</h2>
< contains <span class="code">BP-000001</span> <a href="/projects/1">Mejoramiento del servicio de agua potable en el barrio Higos Urco</a>
< contains <a href="/projects?element=16">

> GET /plans/1/elements/12
< 200
< contains Ningún proyecto del banco le sirve directamente.

# the plan cannot delete what a project serves, and says which project
> GET /plans/1/elements/54
< 200
< contains BP-000002
< capture csrf name="csrf" value="

> POST /plans/1/elements/54/delete
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 409
< contains OE7 no se puede eliminar
< contains Pistas y veredas del jirón Libertad, cuadras 8 a 12 (le sirve)

# the list, the API and the exports filter by element, following the thread:
# the PDC's OE3 is served by the water directly, by Taquia's water (from the
# participatory budget's acta, demo_pb.c) and by the sports court through the
# PDI's AEI1.2 (under OEI1, aligned to OE3)
> GET /projects?element=9
< 200
< contains Proyectos 1–3 de 3
< contains Mejoramiento del servicio de agua potable en el barrio Higos Urco
< contains Ampliación del servicio de agua y cloración en el centro poblado de Taquia
< contains Losa deportiva multiuso en Pencapampa
< contains Que sirven a <a href="/plans/1/elements/9"><span class="code">OE3</span> Ampliar el acceso a agua segura
< contains <a href="/projects?">Quitar este filtro</a>
< contains <input type="hidden" name="element" value="9">
< contains href="/projects.csv?element=9"

> GET /projects?element=9&q=losa&sort=title
< 200
< contains Proyectos 1–1 de 1
< contains <a href="/projects?q=losa&amp;sort=title">Quitar este filtro</a>

> GET /projects?element=40
< 200
< contains Proyectos 1–1 de 1
< contains Losa deportiva multiuso en Pencapampa

> GET /projects?element=999999
< 200
< contains no existe ese elemento.
< contains Ningún proyecto coincide con estos filtros.

> GET /projects?element=abc
< 400

> GET /api/v1/projects?element=54
< 200
< contains "total":1
< contains "title":"Pistas y veredas del jirón Libertad, cuadras 8 a 12"

> GET /api/v1/projects?element=9&limit=1
< 200
< contains "total":3,"limit":1

> GET /projects.csv?element=54
< 200
< header X-Total-Count: 1
< contains Pistas y veredas del jirón Libertad, cuadras 8 a 12
< !contains Higos Urco

> GET /projects.xlsx?element=9
< 200
< header X-Total-Count: 3
< header Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet

> GET /projects/map?element=9
< 200

# the list page's element picker
> GET /projects?element_q=conectividad
< 200
< contains <a href="/projects?element=54"><span class="code">OE7</span> Mejorar la conectividad vial
> GET /projects?q=agua&element_q=saneamiento
< 200
< contains <a href="/projects?q=agua&amp;element=9"><span class="code">OE3</span>

> GET /projects?element_q=zzzqqq
< 200
< contains Ningún elemento de plan coincide.

# unlinking
> POST /projects/5/serves/40/remove
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303
< header Location: /projects/5#serves

> POST /projects/5/serves/40/remove
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 404
< contains El proyecto BP-000005 no sirve a AEI1.2 de PDI 2023-2026 (Municipalidad Provincial de Chachapoyas)

> POST /projects/5/serves/abc/remove
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 404

> POST /projects/999999/serves/9/remove
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 404

# the articulation report counts the water in OE6 now, as well as in OE3
> GET /api/v1/articulation?territory=0101&year=2026
< 200
< contains "code":"OE6","kind":"objective"
# (OE6 is the objective before OE7; its indicator count depends on the files run before)
< contains "institutional":3,"inner":1,"indicators":
< contains "projects":1,"budget":48500000,"served":true},{"id":54,"code":"OE7"
< contains "projects_connected":true

# a title that a spreadsheet would run as a formula is text in the CSV
> GET /projects/new
< 200
< capture csrf name="csrf" value="

> POST /projects
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}&government=0101&title=%3DHYPERLINK%28%22http%3A%2F%2Fx.example%22%29+Losa+Quillcay&territory=010101&proposer=APAFA&sector=education
< 303

> GET /projects.csv?q=losa+quillcay
< 200
< contains "'=HYPERLINK(""http://x.example"") Losa Quillcay"
< !contains ,=HYPERLINK
