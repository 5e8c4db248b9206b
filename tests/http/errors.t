# Unknown pages: a 404 page in the user's language.
> GET /no/such/page
< 404
< contains Página no encontrada

> GET /no/such/page
> Accept-Language: en
< 404
< contains Page not found

> GET /api/v1/nothing
< 404
< contains {"error":{"code":"not_found"

# A known path with the wrong method.
> POST /territories
> Content-Type: application/x-www-form-urlencoded
>
> q=x
< 405
< header Allow: GET

# A body over the 1 MiB cap: 413, before the body is read.
> POST /territories
! body-size 2000000
< 413
< contains demasiado grande

# Malformed form data.
> POST /api/v1/territories
> Content-Type: application/x-www-form-urlencoded
>
> a=%zz
< 405

# A request line that is not HTTP: the connection is closed, the server lives on.
! raw
> NONSENSE
>
< closed

# A malformed header line.
! raw
> GET /territories HTTP/1.1
> Host: localhost
> Bad Header Line
>
< 400

# A Content-Length that is not a number.
! raw
> GET /territories HTTP/1.1
> Host: localhost
> Content-Length: abc
>
< 400

> GET /healthz
< 200
