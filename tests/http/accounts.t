# Signing in with a demo account: the form carries a CSRF token (double-submit
# cookie for visitors), a wrong password gets one generic message, a right one a
# session cookie (HttpOnly, SameSite=Lax) and the account page.
> GET /login?next=/account
< 200
< contains name="csrf" value="
< header Set-Cookie: minka_csrf=
< header Set-Cookie: HttpOnly
< capture csrf name="csrf" value="

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=planificacion%40demo.minka.pe&password=equivocada&csrf={{csrf}}
< 401
< contains Correo o contraseña incorrectos
< !header Set-Cookie: minka_session

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=nadie%40demo.minka.pe&password=equivocada&csrf={{csrf}}
< 401
< contains Correo o contraseña incorrectos

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=planificacion%40demo.minka.pe&password=minka-demo-2026&next=%2Faccount&csrf={{csrf}}
< 303
< header Location: /account
< header Set-Cookie: minka_session=
< header Set-Cookie: HttpOnly; SameSite=Lax

> GET /account
< 200
< contains Rosa Chávez (Oficina de Planeamiento)
< contains planner
< contains session.start
< capture csrf name="csrf" value="

# The signed-in page shows who is there and a sign-out form.
> GET /territories/010101
< 200
< contains Rosa Chávez
< contains action="/logout"
< !header X-Minka-Cache

# A form without its CSRF token, or with a wrong one, is refused.
> POST /account/tokens
> Content-Type: application/x-www-form-urlencoded
>
> name=script
< 403

> POST /account/tokens
> Content-Type: application/x-www-form-urlencoded
>
> name=script&csrf=0000000000000000000000000000000000000000000000000000000000000000
< 403

# An API token, shown once; it works as a bearer token, without cookies or CSRF.
> POST /account/tokens
> Content-Type: application/x-www-form-urlencoded
>
> name=tablero&csrf={{csrf}}
< 200
< contains no se volverá a mostrar
< capture apitoken <p class="secret" aria-label="Token de API">

> GET /api/v1/me
< 200
< contains "email":"planificacion@demo.minka.pe"
< contains "via_token":false

# Over-long fields: a clear 400.
> POST /account/password
> Content-Type: application/x-www-form-urlencoded
>
> current=x&password=yyyyyyyyyy&password2=yyyyyyyyyy&name=zz&csrf={{csrf}}&current=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
< 400
< contains La contraseña actual no es correcta

# Changing the password: wrong current password, mismatch, too short, then right.
> POST /account/password
> Content-Type: application/x-www-form-urlencoded
>
> current=minka-demo-2026&password=corta&password2=corta&csrf={{csrf}}
< 400
< contains al menos 10 caracteres

> POST /account/password
> Content-Type: application/x-www-form-urlencoded
>
> current=minka-demo-2026&password=una+clave+nueva&password2=otra+clave+nueva&csrf={{csrf}}
< 400
< contains no son iguales

> POST /account/password
> Content-Type: application/x-www-form-urlencoded
>
> current=minka-demo-2026&password=una+clave+nueva&password2=una+clave+nueva&csrf={{csrf}}
< 200
< contains Se cambió su contraseña
< header Set-Cookie: minka_session=
< capture csrf name="csrf" value="

# Sign out: the cookie is cleared and the account page sends you to sign in.
> POST /logout
> Content-Type: application/x-www-form-urlencoded
>
> csrf={{csrf}}
< 303
< header Set-Cookie: minka_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0

> GET /account
< 303
< header Location: /login?next=%2Faccount
