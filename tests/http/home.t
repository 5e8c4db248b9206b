# The home page shows the demo municipality, in Spanish by default.
> GET /
< 200
< header Content-Type: text/html; charset=utf-8
< header Content-Language: es
< header Content-Security-Policy: frame-ancestors 'none'
< header X-Content-Type-Options: nosniff
< contains <html lang="es">
< contains Municipalidad Provincial de Chachapoyas
< contains planificamos juntos
< contains 65,024
< !contains {{

# ?lang=en switches to English and remembers it in a cookie.
> GET /?lang=en
< 200
< header Set-Cookie: lang=en
< header Content-Language: en
< contains <html lang="en">
< contains we plan our development together

# The cookie keeps English on the next page.
> GET /territories
< 200
< contains Territory of Peru
