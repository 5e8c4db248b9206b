# An administrator creates an account without a password: minka gives a one-time
# link to hand over; the person sets a password with it and signs in.
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
< contains planificacion@demo.minka.pe
< capture csrf name="csrf" value="

> POST /admin/users
> Content-Type: application/x-www-form-urlencoded
>
> name=Luis+Huam%C3%A1n&email=luis%40leimebamba.gob.pe&role=planner&territory=010110&csrf={{csrf}}
< 200
< contains Se creó la cuenta
< contains Luis Huamán
< contains account.create
< capture reset /reset/

> POST /admin/users
> Content-Type: application/x-www-form-urlencoded
>
> name=Otra&email=luis%40leimebamba.gob.pe&role=planner&csrf={{csrf}}
< 409
< contains Ya existe una cuenta para luis@leimebamba.gob.pe

> POST /admin/users
> Content-Type: application/x-www-form-urlencoded
>
> name=Otra&email=x%40y.pe&role=mayor&csrf={{csrf}}
< 400

> POST /logout
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303

> GET /reset/{{reset}}
< 200
< contains Elija una contraseña nueva
< capture csrf name="csrf" value="

> POST /reset/{{reset}}
> Content-Type: application/x-www-form-urlencoded
>
> password=leimebamba-2026&password2=leimebamba-2026&csrf={{csrf}}
< 200
< contains Se cambió su contraseña

# the link works once
> GET /reset/{{reset}}
< 404

> GET /login
< 200
< capture csrf name="csrf" value="

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=luis%40leimebamba.gob.pe&password=leimebamba-2026&csrf={{csrf}}
< 303

> GET /api/v1/me
< 200
< contains "role":"planner","territory":"010110"

# a planner is not an administrator
> GET /admin/users
< 403
