# A citizen creates an account (sign-up is open in the demo) and gets the
# citizen role in the district where they live.
> GET /signup
< 200
< capture csrf name="csrf" value="

> POST /signup
> Content-Type: application/x-www-form-urlencoded
>
> name=Mar%C3%ADa+Inga&email=maria%40correo.pe&residence=999999&password=clave-de-maria&password2=clave-de-maria&csrf={{csrf}}
< 400
< contains UBIGEO

> POST /signup
> Content-Type: application/x-www-form-urlencoded
>
> name=Mar%C3%ADa+Inga&email=maria%40correo.pe&residence=010102&password=clave-de-maria&password2=clave-de-maria&csrf={{csrf}}
< 303
< header Location: /account
< header Set-Cookie: minka_session=

> GET /api/v1/me
< 200
< contains "name":"María Inga"
< contains "role":"citizen","territory":"010102"

> GET /admin/users
< 403
