# Bearer tokens: create one signed in, then use it with no cookie at all.
> GET /login
< 200
< capture csrf name="csrf" value="

> POST /login
> Content-Type: application/x-www-form-urlencoded
>
> email=consejo%40demo.minka.pe&password=minka-demo-2026&csrf={{csrf}}
< 303

> GET /account
< 200
< capture csrf name="csrf" value="

> POST /account/tokens
> Content-Type: application/x-www-form-urlencoded
>
> name=lector&csrf={{csrf}}
< 200
< capture token >mk_

# (the runner keeps cookies; the Authorization header takes precedence over them)
> GET /api/v1/me
> Authorization: Bearer mk_{{token}}
< 200
< contains "email":"consejo@demo.minka.pe"
< contains "via_token":true

> GET /api/v1/audit/verify
> Authorization: Bearer mk_{{token}}
< 200
< contains "intact":true

> GET /api/v1/me
> Authorization: Bearer mk_not-a-real-token
< 401
< contains "code":"unauthorized"

# Revoking it (token id 1 of this account is the first one it made).
> GET /account
< 200
< capture tokid action="/account/tokens/
