# After three failed sign-ins for one account the next attempts must wait,
# with Retry-After, even with the right password.
> GET /login
< 200
< capture csrf name="csrf" value="

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=vigilancia%40demo.minka.pe&password=mala-clave-1&csrf={{csrf}}
< 401

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=vigilancia%40demo.minka.pe&password=mala-clave-2&csrf={{csrf}}
< 401

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=vigilancia%40demo.minka.pe&password=mala-clave-3&csrf={{csrf}}
< 401

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=vigilancia%40demo.minka.pe&password=mala-clave-4&csrf={{csrf}}
< 401

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=VIGILANCIA%40demo.minka.pe&password=minka-demo-2026&csrf={{csrf}}
< 429
< header Retry-After:
< contains Demasiados intentos fallidos
< !header Set-Cookie: minka_session
