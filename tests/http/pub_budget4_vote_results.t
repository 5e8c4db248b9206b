# The vote and what follows, on the process of pub_budget2 and 3: a resident votes (at
# most K, no duplicates, only viable proposals) and changes the ballot; someone
# from elsewhere cannot; paper ballots are counted when two officers agree;
# results with explanations, live with another rule through the API (with the
# Pabulib ids); the acta drafted, signed (not before its step) and sent to the
# investment plan; the vigilance committee records observations with evidence
# and the municipality answers; after the acta nothing changes.
> GET /pb
< 200
< capture p <h2><a href="/pb/processes/

> GET /login
< 200
< capture csrf name="csrf" value="

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=equipo.pp%40demo.minka.pe&password=clave-equipo-pp&csrf={{csrf}}
< 303

> GET /pb/processes/{{p}}/manage
< 200
< capture sprio id="step-prioritization" data-step="
< capture svote id="step-voting" data-step="
< capture sform id="step-formalization" data-step="
< capture csrf name="csrf" value="

> GET /pb/processes/{{p}}/proposals
< 200
< capture x1 <li class="card" id="p-

> POST /pb/processes/{{p}}/steps/{{sprio}}/close
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

# paper ballots before voting opens: refused
> POST /pb/processes/{{p}}/paper
> Content-Type: application/x-www-form-urlencoded
>
> serial=M1-001&choice={{x1}}&csrf={{csrf}}
< 409
< contains Las cédulas de papel se digitan una vez abierta la votación

> POST /pb/processes/{{p}}/steps/{{svote}}/open
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

> GET /pb/processes/{{p}}/paper
< 200
< contains Veredas del jirón Santa Rosa
< !contains Fiesta patronal
< capture x3 name="choice" value="{{x1}}"> <span><strong>1. Veredas del jirón Santa Rosa</strong> <span class="small">S/ 280,000.00 · Cercado de Chachapoyas</span></span></label>
< capture csrf name="csrf" value="

> POST /pb/processes/{{p}}/paper
> Content-Type: application/x-www-form-urlencoded
>
> serial=M1+001&choice={{x1}}&csrf={{csrf}}
< 400
< contains El número de serie de una cédula de papel

> POST /pb/processes/{{p}}/paper
> Content-Type: application/x-www-form-urlencoded
>
> serial=M1-001&choice={{x1}}&csrf={{csrf}}
< 303
< header Location: /pb/processes/{{p}}/paper?counted=0

> GET /pb/processes/{{p}}/paper?counted=0
< 200
< contains Primera digitación registrada
< contains M1-001

> POST /pb/processes/{{p}}/paper
> Content-Type: application/x-www-form-urlencoded
>
> serial=M1-001&choice={{x1}}&csrf={{csrf}}
< 409
< contains la segunda digitación la hace otro personero

> POST /pb/processes/{{p}}/paper/discard
> Content-Type: application/x-www-form-urlencoded
>
> serial=M9-999&csrf={{csrf}}
< 404
< contains Ninguna cédula de papel M9-999 espera su segunda digitación

> POST /pb/processes/{{p}}/paper
> Content-Type: application/x-www-form-urlencoded
>
> serial=M1-002&choice={{x1}}&csrf={{csrf}}
< 303

> POST /pb/processes/{{p}}/paper/discard
> Content-Type: application/x-www-form-urlencoded
>
> serial=M1-002&csrf={{csrf}}
< 303

> POST /logout
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

# a resident of Asunción (inside the province) votes
> GET /login
< 200
< capture csrf name="csrf" value="

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=vecino.pp%40demo.minka.pe&password=clave-vecino-pp-1&csrf={{csrf}}
< 303

> GET /pb/processes/{{p}}/vote
< 200
< contains Elija hasta 2.
< contains name="choice" value="{{x1}}"
< !contains Fiesta patronal
< capture other <li id="c-3"><label class="check"><input type="checkbox" name="choice" value="
< capture csrf name="csrf" value="

> GET /pb/processes/{{p}}/proposals
< 200
< capture x2 Fiesta patronal
< capture xb id="p-
< capture csrf name="csrf" value="

> POST /pb/processes/{{p}}/ballot
> Content-Type: application/x-www-form-urlencoded
>
> choice={{x1}}&choice={{x1}}&csrf={{csrf}}
< 400
< contains La propuesta 1 aparece dos veces en la cédula

> POST /pb/processes/{{p}}/ballot
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 400
< contains Elija al menos una propuesta

> POST /pb/processes/{{p}}/ballot
> Content-Type: application/x-www-form-urlencoded
>
> choice=999999&csrf={{csrf}}
< 400
< contains no está en la cédula (solo lo están las declaradas viables)

> POST /pb/processes/{{p}}/ballot
> Content-Type: application/x-www-form-urlencoded
>
> choice=abc&csrf={{csrf}}
< 400

> POST /pb/processes/{{p}}/ballot
> Content-Type: application/x-www-form-urlencoded
>
> choice={{x1}}&csrf={{csrf}}
< 303
< header Location: /pb/processes/{{p}}/vote?voted=1

> GET /pb/processes/{{p}}/vote?voted=1
< 200
< contains Su voto quedó registrado. Puede cambiarlo hasta que cierre la votación.
< contains Cambiar mi voto
< contains value="{{x1}}" checked

> POST /logout
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

# someone who lives in Lima cannot vote here
> GET /login
< 200
< capture csrf name="csrf" value="

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=limena.pp%40demo.minka.pe&password=clave-limena-pp-1&csrf={{csrf}}
< 303

> GET /pb/processes/{{p}}/vote
< 200
< contains Usted vive fuera del territorio de este presupuesto participativo
< capture csrf name="csrf" value="

> POST /pb/processes/{{p}}/ballot
> Content-Type: application/x-www-form-urlencoded
>
> choice={{x1}}&csrf={{csrf}}
< 403
< contains Usted vive en Lima, fuera de Municipalidad Provincial de Chachapoyas

> POST /logout
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

# the second officer (after voting closed: still counted until the acta)
> GET /login
< 200
< capture csrf name="csrf" value="

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=admin%40demo.minka.pe&password=minka-demo-2026&csrf={{csrf}}
< 303

> GET /pb/processes/{{p}}/paper
< 200
< contains M1-001
< capture csrf name="csrf" value="

> POST /pb/processes/{{p}}/steps/{{svote}}/close
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

> POST /pb/processes/{{p}}/paper
> Content-Type: application/x-www-form-urlencoded
>
> serial=M1-001&choice={{other}}&csrf={{csrf}}
< 409
< contains Las dos digitaciones de la cédula de papel M1-001 difieren

> POST /pb/processes/{{p}}/paper
> Content-Type: application/x-www-form-urlencoded
>
> serial=M1-001&choice={{x1}}&csrf={{csrf}}
< 303
< header Location: /pb/processes/{{p}}/paper?counted=1

> POST /pb/processes/{{p}}/paper
> Content-Type: application/x-www-form-urlencoded
>
> serial=M1-001&choice={{x1}}&csrf={{csrf}}
< 409
< contains La cédula de papel M1-001 ya fue contada

# results
> POST /pb/processes/{{p}}/results
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303
< header Location: /pb/processes/{{p}}/results

> GET /pb/processes/{{p}}/results
< 200
< contains Más votadas primero, mientras alcance el presupuesto
< contains Seleccionada: 1.º en votos; cabe en el saldo de S/ 600,000.00
< contains No seleccionada: la evaluación técnica la declaró no viable
< contains Los empates se resuelven por el puntaje en la matriz de criterios

> GET /api/v1/pb/processes/{{p}}/results
< 200
< contains "published":true
< contains "selected":["3","1"]
< contains "pabulib_id":"1"
< contains "explanation":"Seleccionada: 1.º en votos

> GET /api/v1/pb/processes/{{p}}/results?rule=mes
< 200
< contains "rule":"mes"
< contains "published":false

> GET /api/v1/pb/processes/{{p}}/results?rule=optimal&lang=en
< 200
< contains "rule":"optimal"
< contains "explanation":"Selected: 1st by votes; part of the combination with the most votes

> GET /pb/processes/{{p}}/export.pb?lang=es
< 200
< contains selected
< contains max_length;2

# the acta
> GET /pb/processes/{{p}}/acta
< 200
< contains Redactar el acta
< contains Veredas del jirón Santa Rosa
< capture src <option data-kind="foncomun" value="
< capture csrf name="csrf" value="

> POST /pb/processes/{{p}}/formalize
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 409
< contains El acta se firma cuando se abre la etapa &quot;Formalización de acuerdos y compromisos&quot;

> POST /pb/processes/{{p}}/steps/{{sform}}/open
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

> POST /pb/processes/{{p}}/formalize
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 409
< contains Escriba dónde y cuándo se acordó el acta antes de firmarla

> POST /pb/processes/{{p}}/acta
> Content-Type: application/x-www-form-urlencoded
>
> place=&held_on=2091-06-20&csrf={{csrf}}
< 400
< contains &quot;place&quot;

> POST /pb/processes/{{p}}/acta
> Content-Type: application/x-www-form-urlencoded
>
> place=Auditorio+municipal&held_on=20%2F06%2F2091&csrf={{csrf}}
< 400
< contains &quot;held_on&quot;

> POST /pb/processes/{{p}}/acta
> Content-Type: application/x-www-form-urlencoded
>
> place=Auditorio+municipal&held_on=2091-06-20&agreements=Se+aprueban+los+proyectos+priorizados+y+su+financiamiento.&csrf={{csrf}}
< 303

> POST /pb/processes/{{p}}/formalize
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 409
< contains El acta necesita al menos un firmante

> GET /pb/processes/{{p}}/proposals
< 200
< capture x2 <li class="card" id="p-

> POST /pb/processes/{{p}}/acta/lines/{{x1}}
> Content-Type: application/x-www-form-urlencoded
>
> source={{src}}&responsible=&csrf={{csrf}}
< 400
< contains &quot;responsible&quot;

> POST /pb/processes/{{p}}/acta/lines/{{x1}}
> Content-Type: application/x-www-form-urlencoded
>
> source={{src}}&responsible=Gerencia+de+Infraestructura+y+Desarrollo+Urbano&csrf={{csrf}}
< 303
< header Location: /pb/processes/{{p}}/acta#projects

> POST /pb/processes/{{p}}/acta/lines/{{other}}
> Content-Type: application/x-www-form-urlencoded
>
> source={{src}}&responsible=Gerencia+de+Recursos+Naturales&csrf={{csrf}}
< 303

> POST /pb/processes/{{p}}/acta/commitments
> Content-Type: application/x-www-form-urlencoded
>
> party=&text=Algo&csrf={{csrf}}
< 400

> POST /pb/processes/{{p}}/acta/commitments
> Content-Type: application/x-www-form-urlencoded
>
> party=Junta+Vecinal+Santa+Rosa&text=Aporta+la+mano+de+obra+no+calificada+en+faenas&csrf={{csrf}}
< 303

> POST /pb/processes/{{p}}/acta/signatories
> Content-Type: application/x-www-form-urlencoded
>
> name=&role=Alcalde&csrf={{csrf}}
< 400

> POST /pb/processes/{{p}}/acta/signatories
> Content-Type: application/x-www-form-urlencoded
>
> name=V%C3%ADctor+Culqui&role=Alcalde+provincial&organization=Municipalidad+Provincial+de+Chachapoyas&csrf={{csrf}}
< 303

> POST /pb/processes/{{p}}/invest
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 409
< contains Firme el acta antes de enviar sus proyectos al plan de inversiones

> POST /pb/processes/{{p}}/formalize
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303
< header Location: /pb/processes/{{p}}/acta#acta

> GET /pb/processes/{{p}}/acta
< 200
< contains Firmada
< contains Gerencia de Infraestructura y Desarrollo Urbano
< contains Aporta la mano de obra no calificada en faenas
< contains Víctor Culqui
< contains Enviar los proyectos al plan de inversiones
< !contains Redactar el acta

> GET /pb/processes/{{p}}/acta.pdf
< 200
< header Content-Type: application/pdf
< header Content-Disposition: attachment; filename="acta-pp-0101-2091.pdf"
< contains %PDF-

> GET /pb/processes/{{p}}/proposals/{{x1}}
< 200
< capture proj <dd class="text"><a href="/projects/

> GET /projects/{{proj}}
< 200
< contains Priorizado en el presupuesto participativo 2091

> POST /pb/processes/{{p}}/invest
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 409
< contains no tiene techo para 2091

> POST /invest/sources/{{src}}/ceiling
> Content-Type: application/x-www-form-urlencoded
>
> year=2091&amount=1000000&csrf={{csrf}}
< 303

> POST /pb/processes/{{p}}/invest
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303
< capture plan Location: /invest/

> GET /invest/{{plan}}
< 200
< contains Veredas del jirón Santa Rosa
< contains S/ 280,000.00

> POST /pb/processes/{{p}}/invest
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 409
< contains ya se enviaron al plan de inversiones

# after the acta nothing changes
> POST /pb/processes/{{p}}/acta/signatories
> Content-Type: application/x-www-form-urlencoded
>
> name=Otro&role=Regidor&csrf={{csrf}}
< 409
< contains El acta de este proceso está firmada: ya no puede cambiar

> POST /pb/processes/{{p}}/results
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 409

# the vigilance committee, elected from the accredited agents
> GET /pb/processes/{{p}}/agents
< 200
< capture a1 data-name="Junta Vecinal Santa Rosa" id="agent-

> POST /pb/processes/{{p}}/vigilance/members
> Content-Type: application/x-www-form-urlencoded
>
> agent={{a1}}&name=Luz+Mas+Rojas&role=coordinator&elected_on=2091-06-20&csrf={{csrf}}
< 303
< header Location: /pb/processes/{{p}}/vigilance#members

> POST /pb/processes/{{p}}/vigilance/members
> Content-Type: application/x-www-form-urlencoded
>
> agent={{a1}}&name=Luz+Mas+Rojas&role=member&elected_on=2091-06-20&csrf={{csrf}}
< 409
< contains ya es miembro del comité de vigilancia

> POST /pb/processes/{{p}}/vigilance/members
> Content-Type: application/x-www-form-urlencoded
>
> agent={{a1}}&name=Pedro+Tuesta&role=member&elected_on=ayer&csrf={{csrf}}
< 400
< contains &quot;elected_on&quot;

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
> email=vigia.pp%40demo.minka.pe&password=clave-vigia-pp-1&csrf={{csrf}}
< 303

> GET /pb/processes/{{p}}/vigilance
< 200
< contains Luz Mas Rojas — Coordinador(a)
< contains Registrar la observación
< capture csrf name="csrf" value="

> POST /pb/processes/{{p}}/vigilance/observations
> Content-Type: application/x-www-form-urlencoded
>
> proposal={{x1}}&observed_on=2026-11-02&text=La+obra+no+empez%C3%B3&evidence=&csrf={{csrf}}
< 400
< contains Describa la evidencia de la observación
< contains La obra no empezó

> POST /pb/processes/{{p}}/vigilance/observations
> Content-Type: application/x-www-form-urlencoded
>
> proposal={{x1}}&observed_on=2099-11-02&text=La+obra+no+empez%C3%B3&evidence=Foto&csrf={{csrf}}
< 400
< contains no puede tener fecha futura

> POST /pb/processes/{{p}}/vigilance/observations
> Content-Type: application/x-www-form-urlencoded
>
> proposal={{x1}}&observed_on=2026-11-02&text=La+obra+no+empez%C3%B3+en+la+fecha+del+cronograma&evidence=Fotograf%C3%ADas+del+2+de+noviembre+en+el+local+de+la+junta&csrf={{csrf}}
< 303
< capture obs #obs-

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
> email=equipo.pp%40demo.minka.pe&password=clave-equipo-pp&csrf={{csrf}}
< 303

> GET /pb/processes/{{p}}/vigilance
< 200
< contains En espera de la respuesta de la municipalidad
< capture csrf name="csrf" value="

> POST /pb/processes/{{p}}/vigilance/observations/{{obs}}/answer
> Content-Type: application/x-www-form-urlencoded
>
> answer=&csrf={{csrf}}
< 400
< contains &quot;answer&quot;

> POST /pb/processes/{{p}}/vigilance/observations/999999/answer
> Content-Type: application/x-www-form-urlencoded
>
> answer=Ya&csrf={{csrf}}
< 404

> POST /pb/processes/{{p}}/vigilance/observations/{{obs}}/answer
> Content-Type: application/x-www-form-urlencoded
>
> answer=El+expediente+t%C3%A9cnico+se+aprob%C3%B3+el+10+de+noviembre%3B+la+obra+empieza+el+1+de+diciembre&csrf={{csrf}}
< 303
< header Location: /pb/processes/{{p}}/vigilance#obs-{{obs}}

> GET /pb/processes/{{p}}/vigilance/report
< 200
< contains Informe de vigilancia
< contains 1 respondidas
< contains Programado
< contains El expediente técnico se aprobó el 10 de noviembre

> GET /pb/processes/{{p}}
< 200
< contains Acta firmada
< contains Leer el acta firmada
